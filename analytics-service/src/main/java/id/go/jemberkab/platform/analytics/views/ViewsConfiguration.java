package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.EventSchemas;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaOperations;

/** The views' settings ({@code platform.analytics.*}) and parts. */
@Configuration(proxyBeanMethods = false)
class ViewsConfiguration {

  @Bean
  Generations generations(MongoTemplate mongo) {
    return new Generations(mongo);
  }

  @Bean
  ViewStreams viewStreams(EventSchemas schemas, MeterRegistry meters, Generations generations,
      @Value("${spring.kafka.bootstrap-servers}") String bootstrap,
      @Value("${platform.analytics.grace:1d}") Duration grace,
      @Value("${platform.analytics.small-cell-threshold:5}") int k,
      @Value("${platform.analytics.dedup-retention:2d}") Duration dedupRetention,
      @Value("${platform.analytics.state-dir}") Path stateDir,
      @Value("${platform.analytics.cache:16MB}") org.springframework.util.unit.DataSize cache) {
    if (k < 1) {
      throw new IllegalArgumentException("platform.analytics.small-cell-threshold must be at least 1, was " + k);
    }
    return new ViewStreams(new ViewTopology.Settings(grace, k, dedupRetention), schemas, meters, bootstrap,
        stateDir, generations, cache.toBytes());
  }

  /** Every replica follows a replay asked of any of them, within {@code platform.analytics.generation-check}. */
  @Bean(destroyMethod = "shutdownNow")
  java.util.concurrent.ScheduledExecutorService generationWatch(ViewStreams streams,
      @Value("${platform.analytics.generation-check:5s}") Duration every) {
    var executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "analytics-generation-watch");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        streams.followGeneration();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(ViewsConfiguration.class).warn("generation check failed: {}", e.toString());
      }
    }, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    return executor;
  }

  @Bean
  ViewUpdates viewUpdates(@Value("${platform.analytics.max-live-streams:200}") int max,
      @Value("${platform.analytics.live-heartbeat:15s}") java.time.Duration heartbeat) {
    return new ViewUpdates(max, heartbeat);
  }

  @Bean
  Kpis kpis(MeterRegistry meters, MongoTemplate mongo) {
    Kpis kpis = new Kpis(meters);
    kpis.load(mongo);
    return kpis;
  }

  @Bean
  ReadModel readModel(MongoTemplate mongo, Generations generations, ViewUpdates updates, Kpis kpis,
      org.springframework.kafka.listener.ConsumerRecordRecoverer deadLetters) {
    return new ReadModel(mongo, generations, updates, kpis, deadLetters);
  }

  @Bean
  ViewQueries viewQueries(MongoTemplate mongo) {
    return new ViewQueries(mongo);
  }

  @Bean
  DeadLetters deadLetters(KafkaOperations<Object, Object> kafka,
      @Value("${spring.kafka.bootstrap-servers}") String bootstrap) {
    return new DeadLetters(bootstrap, kafka);
  }
}
