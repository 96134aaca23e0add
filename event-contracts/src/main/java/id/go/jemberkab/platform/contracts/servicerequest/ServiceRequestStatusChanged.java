package id.go.jemberkab.platform.contracts.servicerequest;

import java.time.Instant;

/**
 * A service request moved through its lifecycle ({@code submitted → accepted → in_progress → resolved →
 * closed}, or {@code rejected}).
 *
 * @param withinSla on resolution: whether it was resolved by {@code expectedAt}; null otherwise
 */
public record ServiceRequestStatusChanged(String requestId, String serviceCode, String opd, String kecamatanCode,
    String from, String to, Instant changedAt, Instant submittedAt, Instant expectedAt, Boolean withinSla) {
}
