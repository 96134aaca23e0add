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
 * A failing record is retried a few times with backoff (a Mongo hiccup passes), then published to
 * {@code <topic>.dlt} on the same partition with its original topic, partition, offset and the exception
 * in {@code kafka_dlt-*} headers, and the partition moves on. Poison records skip the retries.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  DefaultErrorHandler ingestErrorHandler(KafkaOperations<Object, Object> kafka,
      @Value("${platform.ingest.retry.attempts:4}") int attempts,
      @Value("${platform.ingest.retry.initial-interval:200ms}") Duration initialInterval) {
    DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
        (record, exception) -> new TopicPartition(record.topic() + ".dlt", record.partition()));
    ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), 2.0);
    backOff.setMaxAttempts(attempts);
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(PoisonEventException.class, CloudEventHeaders.MalformedEventException.class);
    return handler;
  }

  @Bean
  EventSchemas eventSchemas() {
    return EventSchemas.load();
  }
}
