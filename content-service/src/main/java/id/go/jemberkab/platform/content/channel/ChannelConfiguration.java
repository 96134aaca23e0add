package id.go.jemberkab.platform.content.channel;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelProperties.class)
class ChannelConfiguration {

  @Bean
  ChannelAdapters channelAdapters(ChannelProperties channels, MongoOperations mongo,
      ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock,
      @Value("${platform.content.portal-url:https://jemberkab.go.id/berita}") URI portalUrl) {
    return ChannelAdapters.of(channels, portalUrl, mongo, meters.getIfAvailable(),
        clock.getIfAvailable(Clock::systemUTC));
  }
}
