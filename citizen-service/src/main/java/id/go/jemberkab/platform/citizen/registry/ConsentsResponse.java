package id.go.jemberkab.platform.citizen.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The citizen's answer per purpose and the history of grants and withdrawals. */
@Schema(example = """
    {"consents":[{"purpose":"service-delivery","granted":true,"changedAt":"2026-11-27T18:42:29.519Z"},
     {"purpose":"event-notification","granted":false,"changedAt":null},{"purpose":"research","granted":false,"changedAt":null}],
     "history":[{"purpose":"service-delivery","granted":true,"at":"2026-11-27T18:42:29.519Z","source":"registration"}]}""")
public record ConsentsResponse(List<Consent> consents, List<Change> history) {

  /** The current answer for one purpose; {@code changedAt} is null when never given. */
  public record Consent(String purpose, boolean granted, Instant changedAt) {
  }

  /** One grant or withdrawal. */
  public record Change(String purpose, boolean granted, Instant at, String source) {
  }

  static ConsentsResponse of(CitizenDocument doc) {
    List<Consent> consents = Arrays.stream(Purpose.values()).map(p -> {
      var state = doc.consents() == null ? null : doc.consents().get(p.code());
      return new Consent(p.code(), state != null && state.granted(), state == null ? null : state.changedAt());
    }).toList();
    List<Change> history = doc.consentHistory() == null ? List.of() : doc.consentHistory().stream()
        .map(c -> new Change(c.purpose(), c.granted(), c.at(), c.source())).toList();
    return new ConsentsResponse(consents, history);
  }
}
