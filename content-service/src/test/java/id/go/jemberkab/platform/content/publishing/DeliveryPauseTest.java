package id.go.jemberkab.platform.content.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryPauseTest {

  private final ChannelDeliveries deliveries = new ChannelDeliveries(null, null, null, null, Clock.systemUTC(), null, 6,
      Duration.ofSeconds(30), Duration.ofMinutes(2), "https://jemberkab.go.id/berita", 50);

  @Test
  void growsFromTheFirstPauseToAnHourAndWaitsOutAChannelsRetryAfterUpToADay() {
    assertThat(deliveries.pause(1, null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(deliveries.pause(3, null)).isEqualTo(Duration.ofMinutes(2));
    assertThat(deliveries.pause(40, null)).isEqualTo(Duration.ofHours(1));
    assertThat(deliveries.pause(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    assertThat(deliveries.pause(1, Duration.ofHours(20))).isEqualTo(Duration.ofHours(20));

    // "Retry-After: 9223372036854775807" from a proxy: a day, and a time that can be computed
    Duration hostile = deliveries.pause(1, Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(hostile).isEqualTo(ChannelDeliveries.MAX_PAUSE);
    assertThat(Instant.now().plus(hostile)).isAfter(Instant.now());
  }
}
