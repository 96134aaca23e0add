package id.go.jemberkab.platform.contracts.analytics;

import java.time.Instant;

/** The latest follower count of the regency's account on a channel, and the one measured before it. */
public record ChannelFollowers(String channel, String metric, long followers, Long previousFollowers,
    Instant measuredAt) {
}
