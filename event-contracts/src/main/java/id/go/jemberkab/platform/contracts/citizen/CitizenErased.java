package id.go.jemberkab.platform.contracts.citizen;

import java.time.Instant;

/**
 * The registry erased a citizen's personal data on request (UU PDP). Downstream holds nothing personal to
 * erase; the pseudonymous history stays consistent and consumers stop counting the citizen as registered.
 */
public record CitizenErased(String citizenRef, Instant erasedAt) {
}
