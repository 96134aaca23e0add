/**
 * Data records of analytics-service's output topics ({@code analytics.<view>.v1}): the latest value of each
 * view row, keyed by the row. Breakdowns by kecamatan or desa carry {@code null} counts and
 * {@code suppressed: true} below the small-cell threshold.
 */
package id.go.jemberkab.platform.contracts.analytics;
