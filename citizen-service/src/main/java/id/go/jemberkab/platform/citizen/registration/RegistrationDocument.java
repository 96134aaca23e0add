package id.go.jemberkab.platform.citizen.registration;

import id.go.jemberkab.platform.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One person's registration for one event, with its pending events. {@code personKey} (the pseudonymous
 * citizen id or the e-mail) is unique per event while the registration is active.
 */
@Document(RegistrationDocument.COLLECTION)
record RegistrationDocument(@Id String id, String eventId, String personKey, String citizenId, String citizenRef,
    String name, String email, RegistrationStatus status, Long waitSeq, Instant holdUntil, Instant createdAt,
    Instant updatedAt, Instant confirmedAt, Instant checkedInAt, List<PendingEvent> outbox) {

  static final String COLLECTION = "event_registrations";
}
