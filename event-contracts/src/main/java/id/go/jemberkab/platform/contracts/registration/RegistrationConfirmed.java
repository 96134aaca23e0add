package id.go.jemberkab.platform.contracts.registration;

import java.time.Instant;

/**
 * A registrant holds a confirmed seat at an event (webinar, meeting, training).
 *
 * @param citizenRef the pseudonymous citizen id when registered as a citizen; null for e-mail registrants
 * @param fromWaitlist true when the seat came through an accepted offer
 */
public record RegistrationConfirmed(String registrationId, String eventId, String citizenRef, int capacity,
    boolean fromWaitlist, Instant confirmedAt) {
}
