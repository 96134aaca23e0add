package id.go.jemberkab.platform.content.engagement;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class EngagementConfiguration {

  @Bean
  VisitorHashes visitorHashes(MongoTemplate mongo, ObjectProvider<Clock> clock) {
    return new VisitorHashes(mongo, clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  EngagementIntake engagementIntake(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, VisitorHashes visitors,
      JsonMapper json, ObjectProvider<Clock> clock, MeterRegistry meters,
      @Value("${platform.engagement.dedup-retention:2d}") Duration dedupRetention) {
    return new EngagementIntake(mongo, kafka, visitors, json, clock.getIfAvailable(Clock::systemUTC), meters,
        dedupRetention);
  }
}
