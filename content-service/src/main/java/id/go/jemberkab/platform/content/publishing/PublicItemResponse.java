package id.go.jemberkab.platform.content.publishing;

import id.go.jemberkab.platform.content.publishing.ContentDocument.HistoryEntry;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Media;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Product;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Texts;
import java.time.Instant;
import java.util.List;

/** A published item as the web portal shows it; nothing of the editorial process. */
record PublicItemResponse(String id, String slug, String type, int edition, Texts title, Texts summary, Texts body,
    List<String> tags, List<String> kecamatanCodes, List<Media> media, Product product, String eventId,
    Instant publishedAt, Instant updatedAt) {

  static PublicItemResponse of(ContentDocument doc) {
    return new PublicItemResponse(doc.id(), doc.slug(), doc.type(), doc.edition(), doc.title(), doc.summary(),
        doc.body(), doc.tags(), doc.kecamatanCodes(), doc.media(), doc.product(), doc.eventId(), doc.publishedAt(),
        lastPublicChange(doc));
  }

  /** When readers last saw a change: the latest public edition's time. */
  static Instant lastPublicChange(ContentDocument doc) {
    return doc.history().stream().map(HistoryEntry::at).max(Instant::compareTo).orElse(doc.publishedAt());
  }

  /** One line of a list: enough for a card on the portal. */
  record Summary(String id, String slug, String type, Texts title, Texts summary, List<String> tags,
      List<String> kecamatanCodes, Media image, Instant publishedAt, Instant updatedAt) {

    static Summary of(ContentDocument doc) {
      return new Summary(doc.id(), doc.slug(), doc.type(), doc.title(), doc.summary(), doc.tags(),
          doc.kecamatanCodes(), doc.media().stream().filter(m -> "image".equals(m.type())).findFirst().orElse(null),
          doc.publishedAt(), lastPublicChange(doc));
    }
  }

  record Page<T>(List<T> items, int page, int size, long total) {
  }

  /** The public change history of an item: each edition readers saw, with its note. */
  record History(String slug, List<HistoryEntry> editions) {
  }
}
