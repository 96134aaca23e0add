package id.go.jemberkab.platform.content.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryPauseTest {

  private static final Duration FIRST = Duration.ofSeconds(30);

  @Test
  void growsFromTheFirstPauseToAnHourAndWaitsOutAChannelsRetryAfterUpToADay() {
    assertThat(ChannelDeliveries.pause(FIRST, 1, null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(ChannelDeliveries.pause(FIRST, 3, null)).isEqualTo(Duration.ofMinutes(2));
    assertThat(ChannelDeliveries.pause(FIRST, 40, null)).isEqualTo(Duration.ofHours(1));
    assertThat(ChannelDeliveries.pause(FIRST, 1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    assertThat(ChannelDeliveries.pause(FIRST, 1, Duration.ofHours(20))).isEqualTo(Duration.ofHours(20));

    // "Retry-After: 9223372036854775807" from a proxy: a day, and a time that can be computed
    Duration hostile = ChannelDeliveries.pause(FIRST, 1, Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(hostile).isEqualTo(ChannelDeliveries.MAX_PAUSE);
    assertThat(Instant.now().plus(hostile)).isAfter(Instant.now());
  }

  @Test
  void aLeaseMustOutlastTheLongestDeliveryTheGuardsAllow() {
    Duration longest = Duration.ofSeconds(384);
    assertThatThrownBy(() -> ChannelDeliveries.checkLease(Duration.ofMinutes(2), longest))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("platform.content.delivery.lease (PT2M)")
        .hasMessageContaining("PT6M24S");
    assertThat(ChannelDeliveries.checkLease(Duration.ofMinutes(10), longest)).isEqualTo(Duration.ofMinutes(10));
    assertThat(ChannelDeliveries.checkLease(Duration.ofMinutes(2), Duration.ZERO)).as("sandboxes only")
        .isEqualTo(Duration.ofMinutes(2));
  }
}
