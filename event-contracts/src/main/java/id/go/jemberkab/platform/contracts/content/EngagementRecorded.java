package id.go.jemberkab.platform.contracts.content;

import java.time.Instant;

/**
 * One interaction with the regency's content on one channel. The visitor is a keyed, daily-rotated hash
 * (as Plausible counts visitors): no IP address, no user agent, no account id.
 *
 * @param contentId the content item, or null for a follow or unfollow of the channel itself
 * @param eventId the citizen-service event the item is the page or overflow stream of; null otherwise
 * @param channel {@code web}, {@code facebook}, {@code instagram} or {@code youtube}
 * @param action {@code view}, {@code like}, {@code share}, {@code comment}, {@code follow}, {@code unfollow} or
 *     {@code watch}
 * @param visitorHash hex HMAC of the visitor with a key that changes every day; null when the channel does not say
 * @param kecamatanCode where the visitor is, when known
 * @param watchSeconds seconds watched, for {@code watch}; null otherwise
 */
public record EngagementRecorded(String contentId, String eventId, String channel, String action,
    Instant occurredAt, String visitorHash, String kecamatanCode, Long watchSeconds) {
}
