package id.go.jemberkab.platform.gateway.access;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A registered API client: a department system, the web portal, an analyst's tool. Its keys are stored as
 * SHA-256 hashes only; the key itself is shown once, when it is issued.
 *
 * @param quotaPerMinute calls per minute (token bucket: this many at once, refilled over a minute)
 * @param status {@link #ACTIVE} or {@link #SUSPENDED}
 */
@Document(ApiClient.COLLECTION)
public record ApiClient(@Id String id, String name, String opd, Set<String> scopes, int quotaPerMinute,
    String status, List<ApiKey> keys, Instant createdAt, Instant updatedAt) {

  public static final String COLLECTION = "clients";
  public static final String ACTIVE = "active";
  public static final String SUSPENDED = "suspended";

  public ApiClient {
    scopes = Set.copyOf(scopes);
    keys = List.copyOf(keys);
  }

  public boolean active() {
    return ACTIVE.equals(status);
  }

  /**
   * One issued key.
   *
   * @param expiresAt when a rotated-out key stops working (the overlap); null while it is the current key
   * @param revokedAt when the key was revoked; a revoked key stops at once
   */
  public record ApiKey(String keyId, String hash, Instant createdAt, Instant expiresAt, Instant revokedAt) {

    public boolean usableAt(Instant now) {
      return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
  }
}
