package id.go.jemberkab.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaOperations;
import tools.jackson.databind.json.JsonMapper;

/** The outbox relay and the pending-event factory for a service that writes events with its documents. */
@AutoConfiguration(afterName = {"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
    "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
public class OutboxAutoConfiguration {

  @Bean
  OutboxRelay outboxRelay(MongoTemplate mongo, KafkaOperations<String, byte[]> kafka, MeterRegistry meters,
      @Value("${spring.application.name}") String application,
      @Value("${platform.outbox.send-timeout:20s}") Duration sendTimeout,
      @Value("${platform.outbox.sweep-retry:30s}") Duration sweepRetry) {
    return new OutboxRelay(mongo, kafka, meters, application, sendTimeout, sweepRetry);
  }

  @Bean
  PendingEvent.Factory pendingEventFactory(JsonMapper json, ObjectProvider<Clock> clock) {
    return new PendingEvent.Factory(json, clock.getIfAvailable(Clock::systemUTC));
  }
}
