package id.go.jemberkab.platform.contracts.citizen;

import java.time.Instant;
import java.util.List;

/**
 * A citizen's record changed (an update or a rectification). Says which kinds of data changed, never
 * their values; the region codes are the current address's.
 *
 * @param changed names of the changed fields: {@code name}, {@code desaCode}, {@code address}, {@code phone},
 *     {@code email}
 */
public record CitizenUpdated(String citizenRef, String kecamatanCode, String desaCode, List<String> changed,
    Instant updatedAt) {
}
