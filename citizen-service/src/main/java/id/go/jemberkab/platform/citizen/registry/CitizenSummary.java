package id.go.jemberkab.platform.citizen.registry;

import java.time.Instant;

/** One row of a search: enough to pick the citizen, not the whole record. */
public record CitizenSummary(String id, String name, String desaCode, String kecamatanCode, Instant registeredAt) {

  static CitizenSummary of(CitizenDocument doc) {
    return new CitizenSummary(doc.id(), doc.name(), doc.desaCode(), doc.kecamatanCode(), doc.registeredAt());
  }
}
