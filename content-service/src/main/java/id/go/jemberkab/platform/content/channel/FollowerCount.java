package id.go.jemberkab.platform.content.channel;

/**
 * A channel's audience as it reports it: {@code page_follows} (Facebook), {@code followers_count} (Instagram),
 * {@code subscriberCount} (YouTube).
 */
public record FollowerCount(String metric, long followers) {
}
