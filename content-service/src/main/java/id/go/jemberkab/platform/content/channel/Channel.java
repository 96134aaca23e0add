package id.go.jemberkab.platform.content.channel;

import java.util.Arrays;
import java.util.Optional;

/** A channel a content item is published to, by the name it has on the wire. */
public enum Channel {
  WEB("web", null),
  FACEBOOK("facebook", "page_follows"),
  INSTAGRAM("instagram", "followers_count"),
  YOUTUBE("youtube", "subscriberCount");

  private final String wireName;
  private final String followerMetric;

  Channel(String wireName, String followerMetric) {
    this.wireName = wireName;
    this.followerMetric = followerMetric;
  }

  /** {@code web}, {@code facebook}, {@code instagram}, {@code youtube}: as in events, metrics and configuration. */
  public String wireName() {
    return wireName;
  }

  /** The channel of that wire name, if there is one. */
  public static Optional<Channel> of(String wireName) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(wireName)).findFirst();
  }

  /** The name of the channel's follower figure as its own API calls it; null for the portal. */
  String followerMetric() {
    return followerMetric;
  }
}
