package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.EventSchemas;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the view topology. The application id carries a generation ({@code analytics-views-g<N>}): a replay
 * starts the next generation, which reads every source topic from the beginning into fresh state.
 */
public class ViewStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ViewStreams.class);

  private final ViewTopology.Settings settings;
  private final EventSchemas schemas;
  private final ViewMetrics metrics;
  private final String bootstrap;
  private final Path stateDir;
  private final MeterRegistry meters;
  private final Generations generations;
  private final long cacheBytes;
  private volatile long runningGeneration;
  private final AtomicReference<KafkaStreams> running = new AtomicReference<>();
  private final AtomicReference<StreamsClientMetrics> clientMetrics = new AtomicReference<>();

  ViewStreams(ViewTopology.Settings settings, EventSchemas schemas, MeterRegistry meters, String bootstrap,
      Path stateDir, Generations generations, long cacheBytes) {
    this.settings = settings;
    this.schemas = schemas;
    this.metrics = new ViewMetrics(meters);
    this.bootstrap = bootstrap;
    this.stateDir = stateDir;
    this.meters = meters;
    this.generations = generations;
    this.cacheBytes = cacheBytes;
  }

  /**
   * Exactly-once v2 committing every 100 ms, state in RocksDB under a shared memory budget, backed by changelog
   * topics. {@code cacheBytes} coalesces the updates of one row within a commit: a catch-up over millions of
   * registrations writes each kecamatan's count a few times a second, not once per citizen.
   */
  static Properties properties(String applicationId, String bootstrap, long cacheBytes) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1); // the broker's default: 1 on a laptop, 3 on a cluster
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    return p;
  }

  /** The application id of the running generation; its consumer group shows the topology's lag. */
  public String applicationId() {
    return "analytics-views-g" + generations.current();
  }

  /**
   * Whether the views should run: from the application's start to its stop. A restart for a new generation that
   * failed (MongoDB away while the generation was read, say) leaves them stopped but wanted, and the generation
   * check every few seconds starts them again; before, they stayed stopped for good, without an alert.
   */
  private volatile boolean wanted;

  @Override
  public synchronized void start() {
    wanted = true;
    startStreams();
  }

  private void startStreams() {
    long generation = generations.current();
    Properties p = properties("analytics-views-g" + generation, bootstrap, cacheBytes);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    KafkaStreams streams = new KafkaStreams(new ViewTopology(settings, schemas, metrics, generation).build(), p);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("analytics views stopped on an error; replacing the stream thread", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
          .REPLACE_THREAD;
    });
    StreamsClientMetrics binder = new StreamsClientMetrics(streams::metrics, meters).start();
    try {
      streams.start();
    } catch (RuntimeException failed) {
      binder.close();
      streams.close(Duration.ofSeconds(10));
      throw failed;
    }
    clientMetrics.set(binder);
    runningGeneration = generation;
    running.set(streams);
    log.info("analytics views running as analytics-views-g{}", generation);
  }

  @Override
  public synchronized void stop() {
    wanted = false;
    stopStreams();
  }

  private void stopStreams() {
    stopStreams(false);
  }

  /**
   * {@code over}: the generation is done with (a replay moved on), and its local state is deleted: it is never read
   * again, and each replay left hundreds of MB of RocksDB behind (with the 2.6 million citizens' tables).
   */
  private void stopStreams(boolean over) {
    KafkaStreams streams = running.getAndSet(null);
    if (streams != null) {
      // leaving the group hands the tasks over at once, instead of after the session timeout (45 s)
      streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
      if (over && streams.state() == KafkaStreams.State.NOT_RUNNING) {
        // Kafka Streams' own cleanUp leaves the directory whenever a file it does not know is in it
        Path old = stateDir.resolve("analytics-views-g" + runningGeneration);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(old)) {
          for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
            java.nio.file.Files.deleteIfExists(file);
          }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
          log.warn("the local state of the views' old generation stays in {} ({})", old, e.toString());
        }
      }
    }
    StreamsClientMetrics binder = clientMetrics.getAndSet(null);
    if (binder != null) {
      binder.close();
    }
  }

  /** Wanted, so that the application's stop reaches views that a failed restart left stopped. */
  @Override
  public boolean isRunning() {
    return wanted;
  }

  /**
   * A replay (here or on another replica) moved the generation on, or a restart failed: the views run the current
   * generation again (checked every few seconds by {@link ViewsConfiguration}, and by the replay itself). Only a
   * generation older than the current one loses its local state: two replays close together must not delete the
   * newest one's.
   */
  synchronized void followGeneration() {
    if (!wanted) {
      return;
    }
    long current = generations.current();
    if (running.get() == null) {
      log.info("analytics views are not running (a restart failed); starting them again");
      startStreams();
    } else if (current != runningGeneration) {
      log.info("views generation moved on to {} (a replay); restarting", current);
      stopStreams(runningGeneration < current);
      startStreams();
    }
  }

  /**
   * Moves to the next generation (empty state, every topic from its beginning): from now on the read model
   * ignores the old generation's rows, {@code clear} drops them, and in the background the old topology
   * stops (it may be busy for seconds) and the new one starts.
   */
  public synchronized long replay(Runnable clear) {
    long next = generations.advance();
    clear.run();
    Thread restart = new Thread(() -> {
      try {
        followGeneration();
      } catch (RuntimeException failed) {
        log.warn("analytics views did not start after the replay ({}); the generation check tries again",
            failed.toString());
      }
    }, "analytics-views-replay");
    restart.setDaemon(true);
    restart.start();
    return next;
  }
}
