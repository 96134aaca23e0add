package id.go.jemberkab.platform.contracts.analytics;

import java.time.Instant;

/**
 * Engagement with one content item ({@code scope = content}) or on one channel ({@code scope = channel}) in
 * one time window. Each accepted engagement event counts once, also when it was delivered twice.
 *
 * @param key the content id, or the channel
 * @param window {@code 1m}, {@code 1h} or {@code 1d}
 * @param uniqueVisitors distinct visitor hashes in the window
 */
public record EngagementWindow(String scope, String key, String window, Instant windowStart, Instant windowEnd,
    long views, long likes, long shares, long comments, long follows, long unfollows, long watchSeconds,
    long uniqueVisitors, Instant updatedAt) {
}
