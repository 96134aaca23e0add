package id.go.jemberkab.platform.contracts.registration;

import java.time.Instant;

/**
 * A registration ended before the event: {@code reason} is {@code cancelled} (by the registrant),
 * {@code declined} (an offer turned down) or {@code expired} (an offer not taken in time).
 *
 * @param previousStatus {@code confirmed}, {@code waitlisted} or {@code offered}
 */
public record RegistrationCancelled(String registrationId, String eventId, String previousStatus, String reason,
    Instant cancelledAt) {
}
