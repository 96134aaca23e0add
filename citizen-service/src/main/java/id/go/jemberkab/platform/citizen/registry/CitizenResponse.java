package id.go.jemberkab.platform.citizen.registry;

import java.time.Instant;
import java.time.LocalDate;

/** A citizen as the registry answers for it. {@code id} is opaque: use it in URLs, never the NIK. */
public record CitizenResponse(String id, String citizenRef, String nik, String name, LocalDate birthDate, Sex sex,
    String desaCode, String kecamatanCode, String phone, Instant registeredAt, long version) {

  static CitizenResponse of(CitizenDocument doc) {
    return new CitizenResponse(doc.id(), doc.citizenRef(), doc.nik(), doc.name(), doc.birthDate(), doc.sex(),
        doc.desaCode(), doc.kecamatanCode(), doc.phone(), doc.registeredAt(), doc.version());
  }
}
