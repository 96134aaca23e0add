package id.go.jemberkab.platform.citizen.registration;

import java.util.Locale;
import java.util.Set;

/** Where a registration stands. PENDING lasts only while the registration is being decided. */
enum RegistrationStatus {
  PENDING, CONFIRMED, WAITLISTED, OFFERED, CHECKED_IN, CANCELLED, DECLINED, EXPIRED;

  /** Holding a seat: counted in the event's {@code seats}. */
  static final Set<RegistrationStatus> SEATED = Set.of(CONFIRMED, OFFERED, CHECKED_IN);

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
