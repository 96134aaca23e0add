package id.go.jemberkab.platform.contracts.registration;

import java.time.Instant;

/** The event was full: the registrant waits at {@code position} (1 = next) and was told the overflow channel. */
public record RegistrationWaitlisted(String registrationId, String eventId, String citizenRef, int capacity,
    long position, Instant waitlistedAt) {
}
