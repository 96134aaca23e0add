package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.citizen.CitizenErased;
import id.go.jemberkab.platform.contracts.citizen.CitizenRegistered;
import id.go.jemberkab.platform.contracts.citizen.CitizenUpdated;
import java.time.Instant;

/**
 * Where one registered citizen lives, by region code only. An erasure ends the registration it follows; a
 * later registration of the same person (same pseudonym) counts again.
 */
final class Residence {

  public String kecamatanCode;
  public String desaCode;
  public Instant registeredAt;
  public Instant erasedAt;
  /**
   * When the address held here was recorded: an update older than it (a dead letter sent back after a newer one)
   * is not applied, or the citizen would be counted where they lived before, in every replay too.
   */
  public Instant addressAt;

  Residence apply(Event event) {
    switch (event.type()) {
      case CITIZEN_REGISTERED -> {
        CitizenRegistered r = event.as(CitizenRegistered.class);
        if (registeredAt == null || r.registeredAt().isAfter(registeredAt)) {
          registeredAt = r.registeredAt();
          kecamatanCode = r.kecamatanCode();
          desaCode = r.desaCode();
          addressAt = r.registeredAt();
        }
      }
      case CITIZEN_UPDATED -> {
        CitizenUpdated u = event.as(CitizenUpdated.class);
        if (u.kecamatanCode() != null && (addressAt == null || u.updatedAt() == null
            || u.updatedAt().isAfter(addressAt))) {
          kecamatanCode = u.kecamatanCode();
          desaCode = u.desaCode();
          addressAt = u.updatedAt() != null ? u.updatedAt() : addressAt;
        }
      }
      case CITIZEN_ERASED -> {
        Instant erased = event.as(CitizenErased.class).erasedAt();
        erasedAt = erasedAt == null || erased.isAfter(erasedAt) ? erased : erasedAt;
      }
      default -> throw new IllegalArgumentException("not a registry event: " + event.type());
    }
    return this;
  }

  boolean registered() {
    return registeredAt != null && kecamatanCode != null && (erasedAt == null || registeredAt.isAfter(erasedAt));
  }
}
