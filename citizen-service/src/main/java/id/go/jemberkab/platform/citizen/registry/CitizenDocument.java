package id.go.jemberkab.platform.citizen.registry;

import id.go.jemberkab.platform.citizen.outbox.PendingEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A citizen in the {@code citizens} collection, with the events not yet published ({@link PendingEvent}):
 * both change in one single-document write, so an acknowledged change never lacks its event. Writers
 * change it with targeted updates only, never by replacing the document (the relay removes sent events).
 */
@Document(CitizenDocument.COLLECTION)
record CitizenDocument(@Id String id, String nik, String citizenRef, String name, LocalDate birthDate, Sex sex,
    String desaCode, String kecamatanCode, String phone, Instant registeredAt, long version,
    List<PendingEvent> outbox, boolean outboxPending) {

  static final String COLLECTION = "citizens";
}
