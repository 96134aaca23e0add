package id.go.jemberkab.platform.citizen.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PseudonymiserTest {

  private final Nik nik = new Nik("3509191708900001");

  @Test
  void givesTheSameCitizenTheSameRefUnderOneKey() {
    Pseudonymiser pseudonymiser = new Pseudonymiser("a-key-of-sufficient-length");
    assertThat(pseudonymiser.citizenRef(nik)).isEqualTo(pseudonymiser.citizenRef(new Nik("3509191708900001")))
        .matches("[0-9a-f]{32}").doesNotContain("3509191708900001");
    assertThat(pseudonymiser.citizenRef(new Nik("3509191708900002"))).isNotEqualTo(pseudonymiser.citizenRef(nik));
  }

  @Test
  void cannotBeRecomputedWithoutTheKey() {
    assertThat(new Pseudonymiser("another-key-of-sufficient-length").citizenRef(nik))
        .isNotEqualTo(new Pseudonymiser("a-key-of-sufficient-length").citizenRef(nik));
  }

  @Test
  void refusesAShortKey() {
    assertThatThrownBy(() -> new Pseudonymiser("short")).isInstanceOf(IllegalArgumentException.class);
  }
}
