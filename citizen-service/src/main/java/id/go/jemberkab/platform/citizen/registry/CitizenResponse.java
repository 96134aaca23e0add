package id.go.jemberkab.platform.citizen.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A citizen as the registry answers for it. {@code id} is opaque: use it in URLs, never the NIK. */
@Schema(example = """
    {"id":"bd404486-66c8-4b21-8a09-7b2944332473","citizenRef":"e5733f020daf13515f979eda5e0f093b",
     "nik":"3509191708900001","name":"Budi Santoso","birthDate":"1990-08-17","sex":"MALE","desaCode":"35.09.19.1001",
     "kecamatanCode":"35.09.19","address":"Jl. Gajah Mada 12","phone":"+6281234567890","email":null,
     "consents":["service-delivery"],"registeredAt":"2026-11-27T18:42:29.519Z","updatedAt":"2026-11-27T18:42:29.519Z",
     "version":1}""")
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
