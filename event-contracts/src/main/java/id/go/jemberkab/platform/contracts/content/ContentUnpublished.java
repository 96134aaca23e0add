package id.go.jemberkab.platform.contracts.content;

import java.time.Instant;

/**
 * A published item was taken down: {@code withdrawn} (with a notice), {@code redirected} (to
 * {@code redirectTo}) or {@code gone}.
 */
public record ContentUnpublished(String contentId, String reason, String redirectTo, Instant unpublishedAt) {
}
