package id.go.jemberkab.platform.citizen.servicerequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attribute values as JSON delivers them: only what can be stored and read back as sent passes. */
class DatatypeTest {

  @Test
  void numbersMustFitAStoredNumberAndDatesAFourDigitYear() {
    for (Object fits : List.of(12, 12L, 1.5, -0.25)) {
      assertThat(Datatype.NUMBER.problem(fits, List.of())).as("%s", fits).isEmpty();
    }
    for (Object refused : List.of(new BigInteger("123456789012345678901234567890"), Double.POSITIVE_INFINITY,
        Double.NaN, "12")) {
      assertThat(Datatype.NUMBER.problem(refused, List.of())).as("%s", refused).isPresent();
    }
    assertThat(Datatype.DATETIME.problem("2026-11-30T10:00:00+07:00", List.of())).isEmpty();
    assertThat(Datatype.DATETIME.problem("+999999999-12-31T23:59:59Z", List.of())).isPresent();
  }
}
