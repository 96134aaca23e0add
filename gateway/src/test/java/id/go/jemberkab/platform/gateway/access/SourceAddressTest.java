package id.go.jemberkab.platform.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAddressTest {

  private static final SourceAddress BEHIND_INGRESS = new SourceAddress(List.of("10.0.0.0/8", "192.168.7.1",
      "fd00::/8"));

  @Test
  void behindATrustedProxyTheCallerIsTheRightMostAddressNoProxyOfOursAdded() throws Exception {
    InetAddress ingress = InetAddress.getByName("10.42.0.7");
    assertThat(BEHIND_INGRESS.of(ingress, List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    // what the caller wrote itself (left) is not believed; a second proxy of ours (right) is skipped
    assertThat(BEHIND_INGRESS.of(ingress, List.of("198.51.100.1, 203.0.113.9, 10.42.3.3"))).isEqualTo("203.0.113.9");
    assertThat(BEHIND_INGRESS.of(ingress, List.of("198.51.100.1", "203.0.113.9:51234"))).isEqualTo("203.0.113.9");
    assertThat(BEHIND_INGRESS.of(InetAddress.getByName("fd12::5"), List.of("[2001:db8::7]:443")))
        .as("an IPv6 caller by its /64").isEqualTo(InetAddress.getByName("2001:db8::").getHostAddress() + "/64");
    assertThat(BEHIND_INGRESS.of(InetAddress.getByName("2001:db8:0:1:aaaa::1"), List.of()))
        .isEqualTo(BEHIND_INGRESS.of(InetAddress.getByName("2001:db8:0:1:ffff:ffff:ffff:ffff"), List.of()))
        .isNotEqualTo(BEHIND_INGRESS.of(InetAddress.getByName("2001:db8:0:2::1"), List.of()));
    assertThat(BEHIND_INGRESS.of(InetAddress.getByName("192.168.7.1"), List.of("203.0.113.10")))
        .isEqualTo("203.0.113.10");
  }

  @Test
  void theHeaderCountsForNothingFromAnyoneElse() throws Exception {
    InetAddress caller = InetAddress.getByName("203.0.113.9");
    assertThat(BEHIND_INGRESS.of(caller, List.of("198.51.100.1"))).as("a caller naming another address")
        .isEqualTo("203.0.113.9");
    assertThat(BEHIND_INGRESS.of(InetAddress.getByName("192.168.7.2"), List.of("198.51.100.1")))
        .as("next to a trusted address, not in its range").isEqualTo("192.168.7.2");
    assertThat(new SourceAddress(List.of()).of(InetAddress.getByName("10.42.0.7"), List.of("203.0.113.9")))
        .as("no trusted proxies configured").isEqualTo("10.42.0.7");
  }

  @Test
  void anEntryThatIsNoAddressEndsTheWalkAndNoNameIsLookedUp() throws Exception {
    InetAddress ingress = InetAddress.getByName("10.42.0.7");
    assertThat(BEHIND_INGRESS.of(ingress, List.of("203.0.113.9, unknown"))).isEqualTo("10.42.0.7");
    assertThat(BEHIND_INGRESS.of(ingress, List.of("example.org, 10.1.1.1"))).isEqualTo("10.1.1.1");
    assertThat(BEHIND_INGRESS.of(ingress, List.of(""))).isEqualTo("10.42.0.7");
    assertThat(BEHIND_INGRESS.of(ingress, null)).isEqualTo("10.42.0.7");
    assertThat(SourceAddress.literal("localhost")).isNull();
  }

  @Test
  void aMisconfiguredRangeStopsTheStartWithItsName() {
    assertThatThrownBy(() -> new SourceAddress(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
    assertThatThrownBy(() -> new SourceAddress(List.of("ingress.local"))).hasMessageContaining("ingress.local");
  }
}
