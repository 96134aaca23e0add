package id.go.jemberkab.platform.content.publishing;

import id.go.jemberkab.platform.content.publishing.ContentDocument.Media;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Product;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Texts;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One numbered edition of an item, kept whole: what it said, who saved it, why and how big the change was. */
@Document(EditionDocument.COLLECTION)
record EditionDocument(@Id String id, String contentId, int edition, boolean major, String changeNote,
    Instant savedAt, String savedBy, String type, String slug, Texts title, Texts summary, Texts body,
    List<String> tags, List<String> kecamatanCodes, List<Media> media, Product product, String eventId,
    List<String> channels) {

  static final String COLLECTION = "content_editions";

  static String idOf(String contentId, int edition) {
    return contentId + ":" + edition;
  }
}
