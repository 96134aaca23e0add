package id.go.jemberkab.platform.citizen.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A citizen as the registry answers for it. {@code id} is opaque: use it in URLs, never the NIK. */
public record CitizenResponse(String id, String citizenRef, String nik, String name, LocalDate birthDate, Sex sex,
    String desaCode, String kecamatanCode, String address, String phone, String email, List<String> consents,
    Instant registeredAt, Instant updatedAt, long version) {

  static CitizenResponse of(CitizenDocument doc) {
    List<String> granted = java.util.Arrays.stream(Purpose.values()).filter(doc::consents).map(Purpose::code).toList();
    return new CitizenResponse(doc.id(), doc.citizenRef(), doc.nik(), doc.name(), doc.birthDate(), doc.sex(),
        doc.desaCode(), doc.kecamatanCode(), doc.address(), doc.phone(), doc.email(), granted, doc.registeredAt(),
        doc.updatedAt(), doc.version());
  }
}
