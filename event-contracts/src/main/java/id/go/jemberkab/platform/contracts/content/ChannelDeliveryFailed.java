package id.go.jemberkab.platform.contracts.content;

import java.time.Instant;

/**
 * An attempt to deliver an edition to a channel failed.
 *
 * @param reason {@code unavailable} (5xx or unreachable), {@code timeout}, {@code rate-limited},
 *     {@code circuit-open} or {@code rejected} (the channel refused the post; retrying will not help)
 * @param nextAttemptAt when the service tries again; null when it gave up and an editor has to retry
 */
public record ChannelDeliveryFailed(String contentId, int edition, String channel, int attempt, String reason,
    Instant nextAttemptAt, Instant failedAt) {
}
