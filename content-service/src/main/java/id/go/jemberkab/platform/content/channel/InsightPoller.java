package id.go.jemberkab.platform.content.channel;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.contracts.content.ChannelFollowersMeasured;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks every channel on a schedule how many follow the regency's account and publishes each answer as a
 * {@code ChannelFollowersMeasured} snapshot (key: the channel). A snapshot is a measurement, not a change
 * anyone acknowledged: when the channel or Kafka fails, the round is skipped and the next one measures again.
 */
@Component
class InsightPoller {

  private static final Logger log = LoggerFactory.getLogger(InsightPoller.class);
  private static final URI SOURCE = URI.create("urn:id.go.jemberkab:content-service");

  private final ChannelAdapters adapters;
  private final KafkaOperations<String, byte[]> kafka;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final EventSchemas schemas = EventSchemas.load();

  InsightPoller(ChannelAdapters adapters, KafkaOperations<String, byte[]> kafka, JsonMapper json, Clock clock,
      MeterRegistry meters) {
    this.adapters = adapters;
    this.kafka = kafka;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
  }

  @Scheduled(initialDelayString = "${platform.content.insights.initial-delay:20s}",
      fixedDelayString = "${platform.content.insights.interval:15m}")
  void poll() {
    for (ChannelAdapter adapter : adapters.all()) {
      String channel = adapter.channel().wireName();
      try {
        Optional<FollowerCount> count = adapter.followers();
        if (count.isPresent()) {
          publish(channel, count.get());
          meters.counter("content.insights.polls", "channel", channel, "outcome", "measured").increment();
        }
      } catch (DeliveryFailure failure) {
        meters.counter("content.insights.polls", "channel", channel, "outcome", failure.reason()).increment();
        log.warn("followers of {} not measured this round ({})", channel, failure.reason());
      } catch (Exception e) {
        meters.counter("content.insights.polls", "channel", channel, "outcome", "unpublished").increment();
        log.warn("followers of {} measured but not published this round ({})", channel, e.toString());
      }
    }
  }

  private void publish(String channel, FollowerCount count) throws Exception {
    ChannelFollowersMeasured data = new ChannelFollowersMeasured(channel, count.metric(), count.followers(),
        clock.instant().truncatedTo(ChronoUnit.MILLIS));
    byte[] bytes = json.writeValueAsBytes(data);
    if (!schemas.violations(EventType.CHANNEL_FOLLOWERS_MEASURED, bytes).isEmpty()) {
      throw new IllegalStateException("a follower snapshot breaks its schema: "
          + schemas.violations(EventType.CHANNEL_FOLLOWERS_MEASURED, bytes));
    }
    CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), SOURCE, EventType.CHANNEL_FOLLOWERS_MEASURED.type(),
        channel, data.measuredAt().atOffset(ZoneOffset.UTC), CloudEvent.JSON, bytes);
    kafka.send(CloudEventHeaders.toRecord(Topics.CONTENT_ENGAGEMENT.name(), channel, event)).get(15, TimeUnit.SECONDS);
  }
}
