package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.TopicSpec;
import id.go.jemberkab.platform.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends dead letters back to their topic once the cause is fixed: each record not replayed before goes to
 * its {@code kafka_dlt-original-topic} with its key, value and {@code ce_*} headers (the {@code kafka_dlt-*}
 * ones dropped). Progress is the {@code analytics-service.dlt-replay} group's offset, so a record is replayed
 * once; one that is still poison comes back to the dead-letter topic.
 */
class DeadLetters {

  static final String GROUP = "analytics-service.dlt-replay";

  private final String bootstrap;
  private final KafkaOperations<Object, Object> kafka;

  DeadLetters(String bootstrap, KafkaOperations<Object, Object> kafka) {
    this.bootstrap = bootstrap;
    this.kafka = kafka;
  }

  /**
   * The topic whose dead letters may go back: any of the platform's streams but the views. A view row that missed
   * the read model is an older value of its row; sent again it would land after, and over, a newer one. The views
   * are rebuilt whole instead ({@code ./platform replay-analytics}).
   */
  static Optional<TopicSpec> source(String topic) {
    return Topics.STREAMS.stream().filter(t -> !Topics.VIEWS.contains(t)).filter(t -> t.name().equals(topic))
        .findFirst();
  }

  /** Replays what is in {@code <topic>.dlt} now; returns how many records went back. */
  synchronized int replay(TopicSpec topic) {
    String dlt = topic.deadLetter().name();
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    int replayed = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(dlt).stream()
          .map(p -> new TopicPartition(dlt, p.partition())).toList();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      for (TopicPartition partition : partitions) {
        // one partition at a time: a poll fetches from every assigned partition, and what it brought for another
        // one would be skipped (its position moves past it) and never sent back
        consumer.assign(List.of(partition));
        long stop = end.get(partition);
        while (consumer.position(partition) < stop) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500)).records(partition)) {
            if (r.offset() >= stop) {
              break;
            }
            ProducerRecord<Object, Object> back = new ProducerRecord<>(topic.name(), r.key(), r.value());
            for (Header h : r.headers()) {
              if (!h.key().startsWith("kafka_dlt-")) {
                back.headers().add(h);
              }
            }
            kafka.send(back).join();
            replayed++;
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(r.offset() + 1)));
          }
        }
      }
    }
    return replayed;
  }
}
