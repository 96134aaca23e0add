package id.go.jemberkab.platform.contracts.servicerequest;

import java.time.Instant;

/**
 * A service request (Open311) was filed. Region codes are null when only coordinates were given.
 *
 * @param opd the responsible department (organisasi perangkat daerah), e.g. {@code DPUBMSDA}
 * @param expectedAt end of the SLA in working days, Asia/Jakarta
 */
public record ServiceRequestSubmitted(String requestId, String serviceCode, String opd, String kecamatanCode,
    String desaCode, boolean anonymous, Instant submittedAt, Instant expectedAt) {
}
