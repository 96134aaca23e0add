package id.go.jemberkab.platform.contracts.analytics;

/**
 * Service requests submitted in one ISO week (Asia/Jakarta), or in all weeks ({@code week = all}), grouped by
 * service, OPD or kecamatan. Counts are null and {@code suppressed} true for a kecamatan with fewer than k
 * requests.
 *
 * @param open not yet resolved, closed or rejected
 * @param overdue open and past its SLA
 * @param slaShare resolved within the SLA / resolved; null before the first resolution
 * @param medianResolveHours hours from submission to resolution, median over resolved requests
 */
public record ServiceRequestStats(String dimension, String key, String week, Long submitted, Long open,
    Long overdue, Long resolved, Long resolvedWithinSla, Double slaShare, Double medianResolveHours,
    Double p90ResolveHours, boolean suppressed) {
}
