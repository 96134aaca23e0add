package id.go.jemberkab.platform.contracts.content;

import java.time.Instant;

/**
 * A channel insight poller read the number of followers of the regency's account on a channel.
 *
 * @param metric the channel's own metric name: {@code page_follows} (Facebook, since Meta retired
 *     {@code page_fans} in 2025), {@code followers_count} (Instagram), {@code subscriberCount} (YouTube),
 *     {@code subscribers} (web portal newsletter)
 */
public record ChannelFollowersMeasured(String channel, String metric, long followers, Instant measuredAt) {
}
