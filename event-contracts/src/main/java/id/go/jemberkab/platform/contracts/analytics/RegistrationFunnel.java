package id.go.jemberkab.platform.contracts.analytics;

/**
 * How registrations for one event went: every registration counted once per stage it reached.
 *
 * @param registered confirmed directly or waitlisted: each registrant once
 * @param promoted confirmed through an accepted offer from the waitlist
 * @param overflowViews views of the event's page or overflow stream on any channel
 */
public record RegistrationFunnel(String eventId, int capacity, long registered, long confirmed, long waitlisted,
    long offered, long promoted, long cancelled, long checkedIn, long overflowViews) {
}
