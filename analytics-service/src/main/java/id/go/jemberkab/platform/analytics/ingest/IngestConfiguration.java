package id.go.jemberkab.platform.analytics.ingest;

import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The listeners' error handling (the read model and the live streams): a failing batch is retried with a capped
 * backoff until it passes (MongoDB back). Poison never reaches it: the read model dead-letters unreadable rows
 * itself, with their original topic, partition, offset and the reason in {@code kafka_dlt-*} headers.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  /**
   * The read model's error handling. The read model sends a row it cannot read to the dead-letter topic itself;
   * what reaches this handler (MongoDB away) is tried again, every {@code max-interval} at the latest, for as long
   * as it takes: the writes are idempotent upserts, and a row given up on would stay missing (a closed window is
   * never written again) or, sent again later, land over a newer value of its row.
   */
  @Bean
  DefaultErrorHandler ingestErrorHandler(DeadLetterPublishingRecoverer recoverer,
      @Value("${platform.ingest.retry.initial-interval:200ms}") Duration initialInterval,
      @Value("${platform.ingest.retry.max-interval:10s}") Duration maxInterval) {
    ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), 2.0);
    backOff.setMaxInterval(maxInterval.toMillis());
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(PoisonEventException.class, CloudEventHeaders.MalformedEventException.class);
    return handler;
  }

  /**
   * Sends a record to {@code <topic>.dlt}, same partition, with its origin and the reason in {@code kafka_dlt-*}
   * headers, and waits for the broker's acknowledgement.
   */
  @Bean
  DeadLetterPublishingRecoverer deadLetterPublisher(KafkaOperations<Object, Object> kafka) {
    return new DeadLetterPublishingRecoverer(kafka,
        (record, exception) -> new TopicPartition(record.topic() + ".dlt", record.partition()));
  }

  @Bean
  EventSchemas eventSchemas() {
    return EventSchemas.load();
  }
}
