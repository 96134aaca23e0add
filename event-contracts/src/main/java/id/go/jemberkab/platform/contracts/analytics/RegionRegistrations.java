package id.go.jemberkab.platform.contracts.analytics;

/**
 * Citizens in the registry per kecamatan or desa ({@code level}). {@code count} is null and
 * {@code suppressed} true below the small-cell threshold k.
 */
public record RegionRegistrations(String level, String code, Long count, boolean suppressed) {
}
