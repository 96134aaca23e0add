package id.go.jemberkab.platform.content.channel;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * A social channel without credentials: each delivery is written to {@code sandbox_deliveries} (no personal data)
 * and the follower figure comes from configuration, so the platform runs end to end on a laptop.
 */
final class SandboxAdapter implements ChannelAdapter {

  static final String COLLECTION = "sandbox_deliveries";

  private final Channel channel;
  private final long followers;
  private final MongoOperations mongo;
  private final Clock clock;

  SandboxAdapter(Channel channel, long followers, MongoOperations mongo, Clock clock) {
    if (channel.followerMetric() == null) {
      throw new IllegalArgumentException("the sandbox stands in for a social channel, not " + channel);
    }
    this.channel = channel;
    this.followers = followers;
    this.mongo = mongo;
    this.clock = clock;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public Delivery deliver(Post post) {
    String id = "sandbox-" + UUID.randomUUID();
    mongo.insert(new Document("_id", id).append("channel", channel.wireName()).append("contentId", post.contentId())
        .append("edition", post.edition()).append("title", post.title()).append("at", Date.from(clock.instant())),
        COLLECTION);
    return new Delivery(id, null);
  }

  @Override
  public Optional<FollowerCount> followers() {
    return Optional.of(new FollowerCount(channel.followerMetric(), followers));
  }

  @Override
  public boolean measuresPosts() {
    return false;
  }

  /** Nobody sees a sandbox delivery: nothing to measure. */
  @Override
  public Optional<PostInsights> post(String externalId) {
    return Optional.empty();
  }
}
