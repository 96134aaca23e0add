package id.go.jemberkab.platform.citizen.servicerequest;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The lifecycle of a service request and the transitions it allows. */
enum Status {
  SUBMITTED, ACCEPTED, IN_PROGRESS, RESOLVED, CLOSED, REJECTED;

  private static final Map<Status, Set<Status>> NEXT = Map.of(
      SUBMITTED, Set.of(ACCEPTED, REJECTED),
      ACCEPTED, Set.of(IN_PROGRESS, REJECTED),
      IN_PROGRESS, Set.of(RESOLVED, REJECTED),
      RESOLVED, Set.of(CLOSED),
      CLOSED, Set.of(),
      REJECTED, Set.of());

  /** Still waiting for the regency: counts for duplicates and overdue checks. */
  static final Set<Status> OPEN = Set.of(SUBMITTED, ACCEPTED, IN_PROGRESS);

  String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  Set<Status> next() {
    return NEXT.get(this);
  }

  boolean canMoveTo(Status to) {
    return NEXT.get(this).contains(to);
  }

  /** Open311's two states. */
  String open311() {
    return OPEN.contains(this) ? "open" : "closed";
  }

  static Optional<Status> of(String code) {
    return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
  }
}
