package id.go.jemberkab.platform.content.publishing;

import id.go.jemberkab.platform.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A content item as stored: its current edition's fields, where it is in the workflow, its public change
 * history, the delivery state per channel, the search terms of both languages, and its pending events.
 * {@code version} changes with every write and is the editorial ETag.
 */
@Document(ContentDocument.COLLECTION)
record ContentDocument(@Id String id, String slug, String type, String status, int edition, long version,
    Texts title, Texts summary, Texts body, List<String> tags, List<String> kecamatanCodes, List<Media> media,
    Product product, String eventId, List<String> channels, Instant createdAt, String createdBy,
    Instant updatedAt, String updatedBy, Instant scheduledAt, Instant publishedAt, Unpublication unpublication,
    String reviewNote, List<HistoryEntry> history, Map<String, DeliveryState> deliveries, List<String> search,
    List<PendingEvent> outbox) {

  static final String COLLECTION = "content_items";

  /** A text in Bahasa Indonesia, and in English when the item has it. */
  record Texts(String id, String en) {
  }

  /** A picture, video or document the item refers to; the alt text makes an image accessible. */
  record Media(String url, String type, String altText) {
  }

  /** What a local-product listing (produk unggulan) says about the product and how to order it. */
  record Product(String name, String producer, String kecamatanCode, Long priceMin, Long priceMax,
      String howToOrder) {
  }

  /**
   * How a published item was taken down: withdrawn with a notice, redirected to another item, or gone. {@code title}
   * is the title readers last saw (Bahasa Indonesia): the item may be edited afterwards, and its 410 must not show
   * an edition no editor approved. Absent on items taken down before it was kept.
   */
  record Unpublication(String reason, String notice, String redirectTo, Instant at, String title) {
  }

  /** One public edition in the change history. */
  record HistoryEntry(int edition, boolean major, String changeNote, Instant at) {
  }

  /**
   * Where delivery of an edition to one channel stands: {@code pending}, {@code delivering} (claimed until
   * {@code leaseUntil}), {@code delivered}, {@code retrying} (at {@code nextAttemptAt}) or {@code failed}.
   */
  record DeliveryState(int edition, String status, int attempts, Instant nextAttemptAt, Instant leaseUntil,
      String externalId, String url, String lastReason, Instant updatedAt) {
  }

  boolean isPublic() {
    return "published".equals(status);
  }

  /** Taken down and not published again: also while an edition made since is in review. */
  boolean isTakenDown() {
    return unpublication != null && !isPublic();
  }

  /** The ETag of the item as the portal sees it: changes with every public edition and with unpublishing. */
  String publicTag() {
    return "\"e" + edition + "-" + version + "\"";
  }
}
