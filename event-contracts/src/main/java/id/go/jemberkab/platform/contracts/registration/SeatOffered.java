package id.go.jemberkab.platform.contracts.registration;

import java.time.Instant;

/** A freed seat is offered to the first waitlisted registrant, held for them until {@code holdUntil}. */
public record SeatOffered(String registrationId, String eventId, Instant holdUntil, Instant offeredAt) {
}
