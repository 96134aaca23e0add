package id.go.jemberkab.platform.contracts.content;

import java.time.Instant;
import java.util.List;

/**
 * A published item got a new edition. Titles and codes only: no body, no change note, no author.
 *
 * @param major true for a change readers should notice (a correction, a new date), false for a typo fix
 */
public record ContentUpdated(String contentId, String type, String slug, String titleId, String titleEn,
    int edition, boolean major, List<String> tags, List<String> kecamatanCodes, Instant updatedAt) {
}
