package id.go.jemberkab.platform.contracts.citizen;

import java.time.Instant;

/**
 * A citizen granted or withdrew consent for one purpose: {@code service-delivery}, {@code event-notification}
 * or {@code research}. Processing for a withdrawn purpose stops.
 */
public record ConsentChanged(String citizenRef, String purpose, boolean granted, Instant changedAt) {
}
