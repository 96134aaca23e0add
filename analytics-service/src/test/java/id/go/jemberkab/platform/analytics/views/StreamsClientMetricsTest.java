package id.go.jemberkab.platform.analytics.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

class StreamsClientMetricsTest {

  @Test
  void bindsClientThreadConsumerAndProducerMetricsUnderMicrometerNamesAndLeavesTasksOut() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Metrics kafka = new Metrics()) {
      MetricName processRate = kafka.metricName("process-rate", "stream-thread-metrics", Map.of("thread-id", "t1"));
      kafka.addMetric(processRate, (Measurable) (config, now) -> 42.0);
      kafka.addMetric(kafka.metricName("records-lag", "consumer-fetch-manager-metrics",
          Map.of("client-id", "c1", "topic", "content.engagement.v1", "partition", "2")), (Measurable) (c, n) -> 7.0);
      kafka.addMetric(kafka.metricName("record-send-total", "producer-topic-metrics",
          Map.of("client-id", "p1", "topic", "content.engagement.v1.dlt")), (Measurable) (c, n) -> 3.0);
      kafka.addMetric(kafka.metricName("process-rate", "stream-task-metrics", Map.of("task-id", "0_1")),
          (Measurable) (c, n) -> 1.0);
      kafka.addMetric(kafka.metricName("dropped-records-total", "stream-task-metrics",
          Map.of("thread-id", "t1", "task-id", "2_0")), (Measurable) (c, n) -> 5.0);
      kafka.addMetric(kafka.metricName("record-e2e-latency-max", "stream-processor-node-metrics",
          Map.of("processor-node-id", "engagement-1m")), (Measurable) (c, n) -> 1.0);

      StreamsClientMetrics binder = new StreamsClientMetrics(kafka::metrics, registry);
      binder.refresh();
      binder.refresh();

      assertThat(registry.get("kafka.stream.thread.process.rate").tag("thread.id", "t1").gauge().value())
          .isEqualTo(42.0);
      assertThat(registry.get("kafka.consumer.fetch.manager.records.lag").tag("partition", "2")
          .tag("spring.id", StreamsClientMetrics.SPRING_ID).gauge().value()).isEqualTo(7.0);
      assertThat(registry.get("kafka.producer.topic.record.send.total").tag("topic", "content.engagement.v1.dlt")
          .functionCounter().count()).isEqualTo(3.0);
      assertThat(registry.find("kafka.stream.task.process.rate").meters()).isEmpty();
      assertThat(registry.find("kafka.stream.processor.node.record.e2e.latency.max").meters()).isEmpty();
      assertThat(registry.get("kafka.stream.task.dropped.records.total").tag("task.id", "2_0").functionCounter()
          .count()).as("records a task dropped, such as engagement too late for its window").isEqualTo(5.0);
      assertThat(registry.getMeters()).hasSize(4);

      kafka.removeMetric(processRate);
      binder.refresh();
      assertThat(registry.find("kafka.stream.thread.process.rate").meters()).as("a thread that stopped").isEmpty();

      binder.close();
      assertThat(registry.getMeters()).isEmpty();
    }
  }
}
