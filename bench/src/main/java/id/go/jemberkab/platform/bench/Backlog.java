package id.go.jemberkab.platform.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * What the platform's consumers still have to read of a topic: the sum, over every running consumer group with
 * committed offsets on it or on a Kafka Streams repartition topic, of end offset minus committed offset. A benchmark waits
 * for it before measuring the next target, so no target is measured while the machine still works off the last one.
 */
final class Backlog {

  private Backlog() {
  }

  /**
   * Waits until the backlog of {@code topic} is gone, printing it every few seconds; after {@code patience} it says
   * so and lets the caller go on.
   */
  static void settle(String bootstrap, String topic, Duration patience) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      long started = System.nanoTime();
      long lastSaid = started;
      while (true) {
        long behind = of(admin, topic);
        if (behind == 0) {
          return;
        }
        long now = System.nanoTime();
        if (now - started > patience.toNanos()) {
          System.out.printf(Locale.ROOT, "  consumers still %d records behind on %s after %d s; measuring anyway%n",
              behind, topic, patience.toSeconds());
          return;
        }
        if (now - lastSaid > Duration.ofSeconds(5).toNanos()) {
          System.out.printf(Locale.ROOT, "  waiting for the consumers of %s: %d records behind%n", topic, behind);
          lastSaid = now;
        }
        Thread.sleep(200);
      }
    }
  }

  /**
   * Records not yet read. A partition one record short counts as read: a transactional writer's commit marker takes
   * an offset that no consumer position reaches until the next record arrives.
   */
  static long of(Admin admin, String topic) throws ExecutionException, InterruptedException {
    Map<TopicPartition, Long> committed = new HashMap<>();
    // only groups with members: a group nobody runs any more (an analyst's old consumer) would never catch up
    List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
        .filter(g -> g.groupState().map(state -> state != GroupState.EMPTY && state != GroupState.DEAD).orElse(true))
        .map(GroupListing::groupId).toList();
    for (String group : groups) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get();
      offsets.forEach((partition, offset) -> {
        if (offset != null && (partition.topic().equals(topic) || partition.topic().endsWith("-repartition"))) {
          committed.merge(partition, offset.offset(), Math::min);
        }
      });
    }
    if (committed.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
    long behind = 0;
    for (var entry : committed.entrySet()) {
      long gap = ends.get(entry.getKey()).offset() - entry.getValue();
      behind += gap > 1 ? gap : 0;
    }
    return behind;
  }
}
