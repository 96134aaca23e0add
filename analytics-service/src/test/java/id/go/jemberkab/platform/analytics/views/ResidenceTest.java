package id.go.jemberkab.platform.analytics.views;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.citizen.CitizenRegistered;
import id.go.jemberkab.platform.contracts.citizen.CitizenUpdated;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a citizen is counted: by the newest address, whatever order the events come in. */
class ResidenceTest {

  private static final Instant REGISTERED = Instant.parse("2026-03-01T02:00:00Z");

  @Test
  void anUpdateSentBackFromTheDeadLettersAfterANewerOneDoesNotMoveTheCitizenBack() {
    Residence residence = registered()
        // the move to Sumbersari: its event was dead-lettered, the move on to Patrang was not
        .apply(moved("35.09.10", "35.09.10.1004", 7_200))
        .apply(moved("35.09.11", "35.09.11.1001", 3_600));
    assertThat(residence.kecamatanCode).isEqualTo("35.09.10");
    assertThat(residence.desaCode).isEqualTo("35.09.10.1004");
  }

  @Test
  void updatesInTheirOrderMoveTheCitizenEachTime() {
    Residence residence = registered().apply(moved("35.09.11", "35.09.11.1001", 3_600));
    assertThat(residence.kecamatanCode).isEqualTo("35.09.11");
    residence.apply(moved("35.09.10", "35.09.10.1004", 7_200));
    assertThat(residence.kecamatanCode).isEqualTo("35.09.10");
  }

  private static Residence registered() {
    return new Residence().apply(event(EventType.CITIZEN_REGISTERED, new CitizenRegistered("p-1", "35.09.01",
        "35.09.01.2001", REGISTERED)));
  }

  /** The citizen's move to a desa, dated {@code secondsAfter} its registration. */
  private static Event moved(String kecamatan, String desa, long secondsAfter) {
    return event(EventType.CITIZEN_UPDATED, new CitizenUpdated("p-1", kecamatan, desa, List.of("desaCode"),
        REGISTERED.plusSeconds(secondsAfter)));
  }

  private static Event event(EventType type, Object data) {
    return new Event(type, "e-" + System.nanoTime(), JsonSerde.JSON.writeValueAsBytes(data), null);
  }
}
