package id.go.jemberkab.platform.contracts.content;

import java.time.Instant;
import java.util.List;

/**
 * A content item went public (news, announcement, development programme, local product, event page). Titles
 * and codes only: no body, no author.
 *
 * @param type {@code news}, {@code announcement}, {@code programme}, {@code product} or {@code event-page}
 * @param titleEn the English title, or null
 * @param kecamatanCodes the kecamatan the item is for; empty for the whole regency
 * @param eventId for an event page: the citizen-service event it is about
 */
public record ContentPublished(String contentId, String type, String slug, String titleId, String titleEn,
    int edition, List<String> tags, List<String> kecamatanCodes, List<String> channels, String eventId,
    Instant publishedAt) {
}
