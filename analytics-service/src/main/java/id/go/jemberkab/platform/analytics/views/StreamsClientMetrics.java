package id.go.jemberkab.platform.analytics.views;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The Kafka Streams client metrics operators use, under Micrometer's Kafka names ({@code kafka_stream_thread_*},
 * {@code kafka_consumer_fetch_manager_records_lag}, {@code kafka_producer_topic_record_send_total}, …): the
 * client and its threads, the consumer's lag and the producer's sends per topic. Micrometer's
 * {@code KafkaStreamsMetrics} binds every metric of every task and processor node as well, some eleven
 * thousand series for this topology, and compares each with all others of its name whenever the set changes,
 * which kept a core busy; this binder matches by metric name and leaves the per-task groups out, but for the
 * records each task dropped.
 */
final class StreamsClientMetrics implements AutoCloseable {

  static final Set<String> GROUPS = Set.of("stream-metrics", "stream-thread-metrics",
      "consumer-fetch-manager-metrics", "consumer-coordinator-metrics", "producer-topic-metrics", "producer-metrics");

  /**
   * The one task-level metric bound, per task: records the topology dropped, above all engagement too late for its
   * window (alert {@code AnalyticsRecordsDropped}).
   */
  static final String TASK_GROUP = "stream-task-metrics";
  static final String DROPPED = "dropped-records-total";

  static final String SPRING_ID = "analytics-views";

  private final Supplier<Map<MetricName, ? extends Metric>> source;
  private final MeterRegistry registry;
  private final Map<MetricName, Meter> bound = new HashMap<>();
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "analytics-views-metrics");
    thread.setDaemon(true);
    return thread;
  });

  StreamsClientMetrics(Supplier<Map<MetricName, ? extends Metric>> source, MeterRegistry registry) {
    this.source = source;
    this.registry = registry;
  }

  /** Binds what is there now and looks again every minute: threads, partitions and topics come and go. */
  StreamsClientMetrics start() {
    refresher.scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.MINUTES);
    return this;
  }

  synchronized void refresh() {
    Map<MetricName, ? extends Metric> current = source.get();
    bound.entrySet().removeIf(entry -> {
      if (!current.containsKey(entry.getKey())) {
        registry.remove(entry.getValue());
        return true;
      }
      return false;
    });
    current.forEach((name, metric) -> {
      boolean wanted = GROUPS.contains(name.group()) || TASK_GROUP.equals(name.group()) && DROPPED.equals(name.name());
      if (wanted && !bound.containsKey(name) && metric.metricValue() instanceof Number) {
        bound.put(name, bind(name, metric));
      }
    });
  }

  private Meter bind(MetricName name, Metric metric) {
    String meterName = ("kafka." + name.group() + "." + name.name()).replace("-metrics", "").replace('-', '.');
    List<Tag> tags = new ArrayList<>();
    name.tags().forEach((key, value) -> tags.add(Tag.of(key.replace('-', '.'), value)));
    tags.add(Tag.of("kafka.version", AppInfoParser.getVersion()));
    // Prometheus wants one set of label names per metric name; Spring Kafka's own clients of this service add
    // spring.id to the same consumer and producer names, so the topology's clients carry it too
    tags.add(Tag.of("spring.id", SPRING_ID));
    if (meterName.endsWith("total") || meterName.endsWith("count")) {
      return FunctionCounter.builder(meterName, metric, StreamsClientMetrics::value).tags(tags)
          .description(name.description()).register(registry);
    }
    return Gauge.builder(meterName, metric, StreamsClientMetrics::value).tags(tags)
        .description(name.description()).register(registry);
  }

  private static double value(Metric metric) {
    return metric.metricValue() instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Stops looking and removes every meter bound, so a replay's next client starts clean. */
  @Override
  public synchronized void close() {
    refresher.shutdownNow();
    bound.values().forEach(registry::remove);
    bound.clear();
  }
}
