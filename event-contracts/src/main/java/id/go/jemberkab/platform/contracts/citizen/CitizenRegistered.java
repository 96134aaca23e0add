package id.go.jemberkab.platform.contracts.citizen;

import java.time.Instant;

/**
 * A citizen entered the registry. Carries the pseudonymous citizen id and official region codes only:
 * no NIK, name, phone, e-mail or address (UU PDP No. 27/2022).
 *
 * @param citizenRef keyed HMAC of the NIK; stable, not reversible without citizen-service's key
 * @param kecamatanCode the kecamatan of the current address, {@code 35.09.xx}
 * @param desaCode the desa/kelurahan of the current address, {@code 35.09.xx.xxxx}
 * @param registeredAt when the registry accepted the citizen
 */
public record CitizenRegistered(String citizenRef, String kecamatanCode, String desaCode, Instant registeredAt) {
}
