package id.go.jemberkab.platform.contracts.analytics;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Followers of the regency's account on a channel over time: the last measurement of each day (Asia/Jakarta),
 * and the measurement before it that day, if any.
 */
public record ChannelFollowers(String channel, LocalDate day, String metric, long followers, Long previousFollowers,
    Instant measuredAt) {
}
