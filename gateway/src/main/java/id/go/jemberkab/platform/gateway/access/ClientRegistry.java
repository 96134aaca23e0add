package id.go.jemberkab.platform.gateway.access;

import id.go.jemberkab.platform.gateway.access.ApiClient.ApiKey;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * The registered clients, kept in MongoDB and served from memory: a call is authenticated by one hash and
 * one map lookup, never a database round trip. Writes go to MongoDB first and then replace the in-memory
 * view at once, so a revocation takes effect on the next call; other gateway replicas pick changes up on
 * their next refresh ({@code platform.gateway.clients.refresh}, 5 s). A replica that could not refresh for
 * {@code platform.gateway.clients.max-staleness} (60 s: MongoDB away) is {@link #stale()}: it may be accepting a key
 * revoked meanwhile, so it stops accepting credentials until it can refresh again.
 */
@Service
public class ClientRegistry {

  /** Client ids: lower-case, digits and hyphens, as they appear in metrics and audit records. */
  public static final Pattern CLIENT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
  static final String KEY_PREFIX = "jip";

  private static final Logger log = LoggerFactory.getLogger(ClientRegistry.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MongoTemplate mongo;
  private final Clock clock;
  private volatile View view = new View(Map.of(), Map.of());
  private final Duration maxStaleness;
  private volatile Instant refreshedAt;

  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "client-registry-refresh");
    thread.setDaemon(true);
    return thread;
  });

  ClientRegistry(MongoTemplate mongo, Clock clock,
      @Value("${platform.gateway.clients.refresh:5s}") Duration refreshEvery,
      @Value("${platform.gateway.clients.max-staleness:60s}") Duration maxStaleness) {
    this.mongo = mongo;
    this.clock = clock;
    this.maxStaleness = maxStaleness;
    refresh();
    refresher.scheduleWithFixedDelay(this::refreshQuietly, refreshEvery.toMillis(), refreshEvery.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    refresher.shutdownNow();
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("client registry not refreshed, the last view stays in use: {}", e.toString());
    }
  }

  /** The client a presented API key belongs to, when the key is known, usable and the client active. */
  public Optional<Caller> authenticateKey(String presented) {
    KeyOwner owner = view.byHash().get(hash(presented));
    if (owner == null) {
      return Optional.empty();
    }
    ApiClient client = view.byId().get(owner.clientId());
    if (client == null || !client.active() || !owner.key().usableAt(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(new Caller(client.id(), client.scopes(), client.quotaPerMinute(), "api-key"));
  }

  public Optional<ApiClient> find(String id) {
    return Optional.ofNullable(view.byId().get(id));
  }

  public List<ApiClient> all() {
    return view.byId().values().stream().sorted(Comparator.comparing(ApiClient::id)).toList();
  }

  public boolean isEmpty() {
    return view.byId().isEmpty();
  }

  /** Registers a client with a first key; the key is returned once and never stored. */
  public synchronized IssuedKey register(String id, String name, String opd, Set<String> scopes, int quotaPerMinute) {
    Instant now = now();
    NewKey key = newKey(now);
    ApiClient client = insert(new ApiClient(id, name, opd, scopes, quotaPerMinute, ApiClient.ACTIVE,
        List.of(key.stored()), now, now));
    log.info("client {} registered with scopes {}", id, scopes);
    return new IssuedKey(client, key.stored().keyId(), key.plain());
  }

  /**
   * Registers a client whose one key the operator made and holds: only its SHA-256 ({@code keyHash}, hex) comes
   * here, from configuration, so the key itself is never in the gateway's settings or logs.
   */
  public synchronized ApiClient registerWithKeyHash(String id, String name, String opd, Set<String> scopes,
      int quotaPerMinute, String keyHash) {
    Instant now = now();
    ApiClient client = insert(new ApiClient(id, name, opd, scopes, quotaPerMinute, ApiClient.ACTIVE,
        List.of(new ApiKey(randomKeyId(), keyHash, now, null, null)), now, now));
    log.info("client {} registered with scopes {} and the key configured for it", id, scopes);
    return client;
  }

  /**
   * Makes a client registered with {@link #registerWithKeyHash} an active administrator again with the key
   * {@code keyHash} names: that key is kept (or added, under a new id), every other key of the client is revoked.
   */
  public synchronized ApiClient reinstate(String id, String keyHash) {
    ApiClient changed = write(id, old -> {
      Instant now = after(old);
      List<ApiKey> keys = new ArrayList<>();
      boolean kept = false;
      for (ApiKey k : old.keys()) {
        boolean configured = k.hash().equals(keyHash) && k.usableAt(now) && k.expiresAt() == null;
        kept |= configured;
        keys.add(configured || !k.usableAt(now) ? k
            : new ApiKey(k.keyId(), k.hash(), k.createdAt(), k.expiresAt(), now));
      }
      if (!kept) {
        keys.add(new ApiKey(randomKeyId(), keyHash, now, null, null));
      }
      Set<String> scopes = new java.util.HashSet<>(old.scopes());
      scopes.add(AccessRules.ADMIN_SCOPE);
      return new ApiClient(old.id(), old.name(), old.opd(), scopes, old.quotaPerMinute(), ApiClient.ACTIVE, keys,
          old.createdAt(), now);
    });
    log.info("client {} reinstated with the key configured for it", id);
    return changed;
  }

  /** A new client into the store and the view; 409's exception when the id is taken. */
  private ApiClient insert(ApiClient client) {
    try {
      mongo.insert(client);
    } catch (DuplicateKeyException e) {
      throw new ClientExistsException(client.id());
    }
    refresh();
    return client;
  }

  /** Changes name, OPD, scopes, quota or status; null leaves a field as it is. */
  public synchronized ApiClient update(String id, String name, String opd, Set<String> scopes, Integer quotaPerMinute,
      String status) {
    ApiClient changed = write(id, old -> new ApiClient(id, name == null ? old.name() : name,
        opd == null ? old.opd() : opd, scopes == null ? old.scopes() : scopes,
        quotaPerMinute == null ? old.quotaPerMinute() : quotaPerMinute, status == null ? old.status() : status,
        old.keys(), old.createdAt(), after(old)));
    log.info("client {} changed (status {}, scopes {})", id, changed.status(), changed.scopes());
    return changed;
  }

  /**
   * Issues a new key; the keys in use so far keep working for {@code overlap}, so the client can switch
   * without an outage, and then stop.
   */
  public synchronized IssuedKey rotate(String id, Duration overlap) {
    NewKey key = newKey(now());
    Instant[] until = new Instant[1];
    ApiClient changed = write(id, old -> {
      Instant now = after(old);
      until[0] = now.plus(overlap);
      List<ApiKey> keys = new ArrayList<>();
      for (ApiKey k : old.keys()) {
        boolean current = k.revokedAt() == null && (k.expiresAt() == null || k.expiresAt().isAfter(until[0]));
        keys.add(current ? new ApiKey(k.keyId(), k.hash(), k.createdAt(), until[0], null) : k);
      }
      keys.add(key.stored());
      return withKeys(old, keys, now);
    });
    log.info("client {} rotated to key {}; earlier keys work until {}", id, key.stored().keyId(), until[0]);
    return new IssuedKey(changed, key.stored().keyId(), key.plain());
  }

  /** Revokes one key at once. */
  public synchronized ApiClient revoke(String id, String keyId) {
    ApiClient changed = write(id, old -> {
      if (old.keys().stream().noneMatch(k -> k.keyId().equals(keyId))) {
        throw new UnknownClientException("client " + id + " has no key " + keyId, true);
      }
      Instant now = after(old);
      return withKeys(old, old.keys().stream().map(k -> k.keyId().equals(keyId) && k.revokedAt() == null
          ? new ApiKey(k.keyId(), k.hash(), k.createdAt(), k.expiresAt(), now) : k).toList(), now);
    });
    log.info("client {} key {} revoked", id, keyId);
    return changed;
  }

  /**
   * Reads a client, changes it and writes it back only if no one wrote it since: {@code updatedAt} grows with every
   * write ({@link #after}), so it serves as the version. Another replica's write in between (a PATCH next to a
   * revocation) is read again and the change made on top of it, instead of putting its older keys back.
   */
  private ApiClient write(String id, java.util.function.UnaryOperator<ApiClient> change) {
    for (int attempt = 1; ; attempt++) {
      ApiClient old = require(id);
      ApiClient changed = change.apply(old);
      keepsAnAdministrator(old, changed);
      long matched = mongo.replace(org.springframework.data.mongodb.core.query.Query.query(
          org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id).and("updatedAt")
              .is(old.updatedAt())), changed).getMatchedCount();
      if (matched == 1) {
        refresh();
        return changed;
      }
      if (attempt == 10) {
        throw new IllegalStateException("client " + id + " kept changing under 10 attempts to write it");
      }
    }
  }

  /**
   * Refuses a change that would leave nobody able to administer the gateway: the client administration itself
   * could then not undo it, and only an edit of the database could.
   */
  private void keepsAnAdministrator(ApiClient old, ApiClient changed) {
    Instant now = clock.instant();
    if (!administers(old, now) || administers(changed, now)) {
      return;
    }
    boolean another = mongo.findAll(ApiClient.class).stream()
        .anyMatch(c -> !c.id().equals(old.id()) && administers(c, now));
    if (!another) {
      throw new LastAdministratorException(old.id());
    }
  }

  /**
   * Active, holding {@code platform:admin}, with a key it can call with now and that has no end: a key in a
   * rotation's overlap runs out, and with it the administrator.
   */
  static boolean administers(ApiClient client, Instant now) {
    return client.active() && client.scopes().contains(AccessRules.ADMIN_SCOPE)
        && client.keys().stream().anyMatch(k -> k.usableAt(now) && k.expiresAt() == null);
  }

  /** Now, or a millisecond after the client's last write when the clock has not moved past it. */
  private Instant after(ApiClient old) {
    Instant now = now();
    return old.updatedAt() != null && !now.isAfter(old.updatedAt()) ? old.updatedAt().plusMillis(1) : now;
  }

  /** Reloads the registry from MongoDB: at start, after each write here, and on a schedule for other replicas. */
  public synchronized void refresh() {
    // synchronized with the writes: a scheduled refresh that read before a revocation must not put its older
    // view back after the revocation's own refresh
    Map<String, ApiClient> byId = new HashMap<>();
    Map<String, KeyOwner> byHash = new HashMap<>();
    for (ApiClient client : mongo.findAll(ApiClient.class)) {
      byId.put(client.id(), client);
      for (ApiKey key : client.keys()) {
        byHash.put(key.hash(), new KeyOwner(client.id(), key));
      }
    }
    view = new View(Map.copyOf(byId), Map.copyOf(byHash));
    refreshedAt = clock.instant();
  }

  /** Whether the view is older than the staleness allowed: a revocation elsewhere may not be in it. */
  public boolean stale() {
    return age().compareTo(maxStaleness) > 0;
  }

  /** How long ago the view was last read from MongoDB. */
  public Duration age() {
    return Duration.between(refreshedAt, clock.instant());
  }

  private ApiClient require(String id) {
    return Optional.ofNullable(mongo.findById(id, ApiClient.class))
        .orElseThrow(() -> new UnknownClientException("no client " + id, false));
  }

  private static ApiClient withKeys(ApiClient old, List<ApiKey> keys, Instant now) {
    return new ApiClient(old.id(), old.name(), old.opd(), old.scopes(), old.quotaPerMinute(), old.status(), keys,
        old.createdAt(), now);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static NewKey newKey(Instant now) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String keyId = randomKeyId();
    String plain = KEY_PREFIX + "_" + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new NewKey(plain, new ApiKey(keyId, hash(plain), now, null, null));
  }

  /** 48 random bits in hex: a key's id says nothing about the key. */
  private static String randomKeyId() {
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  /**
   * One digest per thread (the event loops): looking the algorithm up among the security providers cost more than
   * hashing a key, on every call.
   */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /** SHA-256 is enough for keys of 256 random bits: there is nothing to guess, so no slow hash is needed. */
  static String hash(String key) {
    // digest() resets the instance, so a failed call leaves nothing behind for the next
    return HexFormat.of().formatHex(SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  /** A key as issued: shown to the caller once. */
  public record IssuedKey(ApiClient client, String keyId, String apiKey) {
  }

  private record NewKey(String plain, ApiKey stored) {
  }

  private record KeyOwner(String clientId, ApiKey key) {
  }

  private record View(Map<String, ApiClient> byId, Map<String, KeyOwner> byHash) {
  }

  /** A client id that is taken. */
  public static final class ClientExistsException extends RuntimeException {
    ClientExistsException(String id) {
      super("a client " + id + " exists");
    }
  }

  /** A change that would leave no client able to administer the gateway. */
  public static final class LastAdministratorException extends RuntimeException {
    LastAdministratorException(String id) {
      super("client " + id + " is the last one that can administer the gateway (active, platform:admin, a key "
          + "without an end); give another client platform:admin first");
    }
  }

  /** A client or key that does not exist. */
  public static final class UnknownClientException extends RuntimeException {
    private final boolean keyMissing;

    UnknownClientException(String message, boolean keyMissing) {
      super(message);
      this.keyMissing = keyMissing;
    }

    /** The client exists and the key does not. */
    public boolean keyMissing() {
      return keyMissing;
    }
  }
}
