package id.go.jemberkab.platform.contracts.registration;

import java.time.Instant;

/** A confirmed registrant attended: checked in at the event. */
public record AttendeeCheckedIn(String registrationId, String eventId, Instant checkedInAt) {
}
