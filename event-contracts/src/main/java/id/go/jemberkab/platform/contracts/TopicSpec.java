package id.go.jemberkab.platform.contracts;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One Kafka topic as the platform declares it: name, partitions, how long records stay, whether the
 * log is compacted. Replication is the environment's choice (1 on a laptop, 3 on a cluster).
 */
public record TopicSpec(String name, int partitions, Duration retention, boolean compacted, String description) {

  /** Retention meaning "keep forever": the topic is the source a view can be rebuilt from. */
  public static final Duration FOREVER = Duration.ofMillis(-1);

  /** How long poison records wait in a dead-letter topic for someone to look at them and replay them. */
  static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+")) {
      throw new IllegalArgumentException("topic names are lowercase, dot-separated: " + name);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("a topic needs at least one partition: " + name);
    }
    Objects.requireNonNull(retention, "retention");
  }

  /** The dead-letter twin, {@code <name>.dlt}: poison records after bounded retries, with their origin in headers. */
  public TopicSpec deadLetter() {
    return new TopicSpec(name + ".dlt", partitions, DEAD_LETTER_RETENTION, false,
        "Dead letters of " + name + ": records that failed processing after retries.");
  }

  /** Topic-level configuration as Kafka's admin API and {@code kafka-topics.sh --config} take it. */
  public Map<String, String> configs() {
    return Map.of(
        "cleanup.policy", compacted ? "compact" : "delete",
        "retention.ms", Long.toString(retention.toMillis()),
        "min.insync.replicas", "1");
  }
}
