package id.go.jemberkab.platform.citizen.registry;

import id.go.jemberkab.platform.outbox.PendingEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A citizen in the {@code citizens} collection, with the events not yet published ({@link PendingEvent}):
 * both change in one single-document write, so an acknowledged change never lacks its event. Writers
 * change it with targeted updates only, never by replacing the document (the relay removes sent events).
 * After an erasure only the opaque id, the pseudonymous ref, the region codes and the dates remain.
 */
@Document(CitizenDocument.COLLECTION)
record CitizenDocument(@Id String id, String nik, String citizenRef, String name, LocalDate birthDate, Sex sex,
    String desaCode, String kecamatanCode, String address, String phone, String email,
    Map<String, ConsentState> consents, List<ConsentChange> consentHistory, Instant registeredAt,
    Instant updatedAt, Instant erasedAt, long version, List<PendingEvent> outbox) {

  static final String COLLECTION = "citizens";

  /** The current answer for one purpose. */
  record ConsentState(boolean granted, Instant changedAt) {
  }

  /** One grant or withdrawal, kept for the citizen's history. */
  record ConsentChange(String purpose, boolean granted, Instant at, String source) {
  }

  boolean erased() {
    return erasedAt != null;
  }

  boolean consents(Purpose purpose) {
    ConsentState state = consents == null ? null : consents.get(purpose.code());
    return state != null && state.granted();
  }
}
