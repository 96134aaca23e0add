package id.go.jemberkab.platform.contracts.analytics;

import java.time.Instant;

/**
 * What the views know of a content item, to name it next to its engagement: type, slug, titles and whether
 * it is still public.
 *
 * @param status {@code published} or {@code unpublished}
 */
public record ContentCard(String contentId, String type, String slug, String titleId, String titleEn, int edition,
    String eventId, String status, Instant publishedAt, Instant changedAt) {
}
