package id.go.jemberkab.platform.gateway.access;

import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first operator of a deployment without demo clients (compose, Kubernetes): the client administration needs
 * {@code platform:admin}, and no client holds it in an empty registry. When
 * {@code platform.gateway.bootstrap-admin-key-sha256} (GATEWAY_BOOTSTRAP_ADMIN_KEY_SHA256) holds the SHA-256 of a
 * key the operator made, and no active client holds {@code platform:admin}, the client {@value #ID} is registered
 * with that key. The operator registers the real clients with it; once another active client holds
 * {@code platform:admin}, the next start suspends it (or the operator does, at once). Should nobody be able to
 * administer the gateway again (the registry refuses the change that would do it, but not an edit of the
 * database), the next start makes it active again with the configured key, and only that key. Two replicas
 * starting together may both try to register it: the one that loses finds it there.
 */
@Component
class BootstrapAdmin {

  static final String ID = "bootstrap-admin";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

  private final ClientRegistry registry;
  private final String keyHash;

  BootstrapAdmin(ClientRegistry registry, @Value("${platform.gateway.bootstrap-admin-key-sha256:}") String keyHash) {
    this.registry = registry;
    this.keyHash = keyHash == null ? "" : keyHash.strip().toLowerCase(java.util.Locale.ROOT);
  }

  @EventListener(ApplicationReadyEvent.class)
  void registerWhenNoAdmin() {
    if (keyHash.isEmpty()) {
      return;
    }
    if (!SHA256.matcher(keyHash).matches()) {
      throw new IllegalStateException("GATEWAY_BOOTSTRAP_ADMIN_KEY_SHA256 must be the SHA-256 of the key in hex "
          + "(64 characters: printf %s \"$KEY\" | sha256sum), not the key itself");
    }
    // one that can call: an administrator whose keys were all revoked (or a token-only one) would leave nobody
    java.time.Instant now = java.time.Instant.now();
    boolean anotherAdmin = registry.all().stream()
        .anyMatch(c -> !ID.equals(c.id()) && ClientRegistry.administers(c, now));
    var existing = registry.find(ID);
    if (anotherAdmin) {
      if (existing.isPresent() && existing.get().active()) {
        try {
          registry.update(ID, null, null, null, null, ApiClient.SUSPENDED);
          log.info("{} suspended: another active client administers the gateway now", ID);
        } catch (ClientRegistry.LastAdministratorException changedMeanwhile) {
          log.info("{} stays: the other administrator changed while it was being suspended", ID);
        }
      }
      return;
    }
    if (existing.isPresent()) {
      if (!ClientRegistry.administers(existing.get(), now)) {
        // nobody can administer the gateway (a database edit, or two replicas' changes crossing): the configured
        // key is the way back in. One that still administers, with a key it was rotated to, is left as it is: the
        // configured key may be the one it was rotated away from
        registry.reinstate(ID, keyHash);
        log.warn("no client could administer the gateway: {} is active again, with the configured key only", ID);
      }
      return;
    }
    try {
      registry.registerWithKeyHash(ID, "First operator (bootstrap)", "Diskominfo", Set.of("platform:admin"), 600,
          keyHash);
      log.info("no client could administer the gateway: {} registered with the configured key; register the real "
          + "clients with it, and the next start suspends it", ID);
    } catch (ClientRegistry.ClientExistsException anotherReplica) {
      log.info("{} was registered by another replica starting at the same time", ID);
    }
  }
}
