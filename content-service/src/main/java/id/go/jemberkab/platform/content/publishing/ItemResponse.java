package id.go.jemberkab.platform.content.publishing;

import id.go.jemberkab.platform.content.publishing.ContentDocument.DeliveryState;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Media;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Product;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Texts;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Unpublication;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An item as its authors and editors see it: every field, where it stands, and its delivery per channel. */
record ItemResponse(String id, String slug, String type, String status, int edition, long version, Texts title,
    Texts summary, Texts body, List<String> tags, List<String> kecamatanCodes, List<Media> media, Product product,
    String eventId, List<String> channels, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
    Instant scheduledAt, Instant publishedAt, Unpublication unpublication, String reviewNote,
    Map<String, Delivery> deliveries) {

  /** Delivery of the latest published edition to one channel. */
  record Delivery(int edition, String status, int attempts, Instant nextAttemptAt, String externalId, String url,
      String lastReason, Instant updatedAt) {

    static Delivery of(DeliveryState state) {
      return new Delivery(state.edition(), state.status(), state.attempts(), state.nextAttemptAt(),
          state.externalId(), state.url(), state.lastReason(), state.updatedAt());
    }
  }

  static ItemResponse of(ContentDocument doc) {
    Map<String, Delivery> deliveries = new TreeMap<>();
    doc.deliveries().forEach((channel, state) -> deliveries.put(channel, Delivery.of(state)));
    return new ItemResponse(doc.id(), doc.slug(), doc.type(), doc.status(), doc.edition(), doc.version(), doc.title(),
        doc.summary(), doc.body(), doc.tags(), doc.kecamatanCodes(), doc.media(), doc.product(), doc.eventId(),
        doc.channels(), doc.createdAt(), doc.createdBy(), doc.updatedAt(), doc.updatedBy(), doc.scheduledAt(),
        doc.publishedAt(), doc.unpublication(), doc.reviewNote(), deliveries);
  }
}
