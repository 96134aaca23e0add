package id.go.jemberkab.platform.content.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One visitor, one address, however the channel spelled it: the visitor hash counts visitors, not spellings. */
class VisitorAddressTest {

  @Test
  void theSameAddressSpelledDifferentlyIsOneAddress() {
    assertThat(List.of("203.0.113.7", "::ffff:203.0.113.7", "203.0.113.07", "::FFFF:203.0.113.7"))
        .map(EngagementIntake::canonicalIp).containsOnly("203.0.113.7");
    assertThat(List.of("2001:db8::1", "2001:DB8::1", "2001:0db8:0000:0000:0000:0000:0000:0001"))
        .map(EngagementIntake::canonicalIp).containsOnly(EngagementIntake.canonicalIp("2001:db8::1"));
    assertThat(EngagementIntake.canonicalIp(null)).isNull();
  }

  @Test
  void whatIsNoAddressIsRefusedWithoutLookingANameUp() {
    // empty: the intake answers the item invalid
    assertThat(List.of("203.0.113.7:443", "::::", "1:2:3:4:5:6:7:8:9", ".1:2", "fe80::1%eth0", "256.1.1.1",
        "example.org", "2001:db8::g")).map(EngagementIntake::canonicalIp).containsOnly("");
  }
}
