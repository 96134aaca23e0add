package id.go.jemberkab.platform.contracts.servicerequest;

import java.time.Instant;

/** An open service request passed its expected date (the SLA in working days) without resolution. */
public record ServiceRequestOverdue(String requestId, String serviceCode, String opd, String kecamatanCode,
    Instant expectedAt, Instant detectedAt) {
}
