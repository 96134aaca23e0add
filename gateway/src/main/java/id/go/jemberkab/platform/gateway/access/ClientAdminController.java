package id.go.jemberkab.platform.gateway.access;

import id.go.jemberkab.platform.gateway.problem.GatewayProblem;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Client administration ({@code platform:admin}, enforced by the access rules) and, for every client, the
 * list of operations it may call (like X-Road's allowedMethods). Keys appear once, in the answer that issues
 * them; listings show key ids and dates only.
 */
@RestController
@RequestMapping("/api/v1")
class ClientAdminController {

  static final Set<String> SCOPES = Set.of("citizen:read", "citizen:write", "service-request:write",
      "registration:write", "content:write", "content:publish", "engagement:write", "analytics:read",
      "platform:admin");

  static final int DEFAULT_QUOTA = 600;

  /** Ids the gateway itself gives meaning: a client under one would be mistaken for it in every record. */
  static final java.util.Map<String, String> RESERVED_IDS = java.util.Map.of(Caller.ANONYMOUS_ID,
      "calls without credentials", BootstrapAdmin.ID, "the first operator (GATEWAY_BOOTSTRAP_ADMIN_KEY_SHA256)");

  private final ClientRegistry registry;
  private final AccessRules rules;
  private final GatewayProperties properties;

  ClientAdminController(ClientRegistry registry, AccessRules rules, GatewayProperties properties) {
    this.registry = registry;
    this.rules = rules;
    this.properties = properties;
  }

  @GetMapping("/clients")
  Mono<List<ClientView>> list() {
    return blocking(() -> registry.all().stream().map(ClientView::of).toList());
  }

  @GetMapping("/clients/{id}")
  Mono<ClientView> get(@PathVariable String id) {
    return blocking(() -> ClientView.of(registry.find(id).orElseThrow(() -> notFound(id))));
  }

  @PostMapping("/clients")
  Mono<ResponseEntity<IssuedKeyView>> register(@RequestBody NewClient body) {
    if (body.id() == null || !ClientRegistry.CLIENT_ID.matcher(body.id()).matches()) {
      throw invalid("id", "a client id is 2-63 lower-case letters, digits or hyphens");
    }
    if (RESERVED_IDS.containsKey(body.id())) {
      throw GatewayProblem.invalidField("id", "id.reserved", "this id is the gateway's own name for "
          + RESERVED_IDS.get(body.id()) + " in audit records and metrics, not a client's");
    }
    if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
      throw invalid("name", "a display name of 1-200 characters is required");
    }
    if (body.opd() == null || body.opd().isBlank() || body.opd().length() > 200) {
      throw invalid("opd", "the department (OPD) the client belongs to, 1-200 characters, is required");
    }
    checkScopes(body.scopes());
    checkQuota(body.quotaPerMinute());
    return blocking(() -> {
      try {
        ClientRegistry.IssuedKey issued = registry.register(body.id(), body.name().strip(),
            body.opd().strip(), body.scopes() == null ? Set.of() : body.scopes(),
            body.quotaPerMinute());
        return ResponseEntity.created(URI.create("/api/v1/clients/" + body.id())).body(IssuedKeyView.of(issued));
      } catch (ClientRegistry.ClientExistsException e) {
        throw new GatewayProblem(HttpStatus.CONFLICT, "conflict", "Client exists", "A client with this id exists.");
      }
    });
  }

  @PatchMapping("/clients/{id}")
  Mono<ClientView> update(@PathVariable String id, @RequestBody ClientChange body) {
    if (body.status() != null && !Set.of(ApiClient.ACTIVE, ApiClient.SUSPENDED).contains(body.status())) {
      throw invalid("status", "status is active or suspended");
    }
    if (body.name() != null && (body.name().isBlank() || body.name().length() > 200)) {
      throw invalid("name", "a display name of 1-200 characters");
    }
    if (body.opd() != null && (body.opd().isBlank() || body.opd().length() > 200)) {
      throw invalid("opd", "the department (OPD), 1-200 characters");
    }
    if (body.scopes() != null) {
      checkScopes(body.scopes());
    }
    if (body.quotaPerMinute() != null) {
      checkQuota(body.quotaPerMinute());
    }
    return blocking(() -> ClientView.of(known(id, () -> registry.update(id, stripped(body.name()),
        stripped(body.opd()), body.scopes(), body.quotaPerMinute(), body.status()))));
  }

  /** Issues a new key; earlier keys keep working for {@code overlap} (ISO-8601, default 24 h, at most 30 days). */
  @PostMapping("/clients/{id}/keys")
  Mono<ResponseEntity<IssuedKeyView>> rotate(@PathVariable String id, @RequestBody(required = false) Rotation body) {
    Duration overlap = properties.keyOverlap();
    if (body != null && body.overlap() != null) {
      try {
        overlap = Duration.parse(body.overlap());
      } catch (java.time.format.DateTimeParseException e) {
        throw invalid("overlap", "an ISO-8601 duration such as PT24H or PT0S");
      }
      if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(30)) > 0) {
        throw invalid("overlap", "between PT0S and P30D");
      }
    }
    Duration chosen = overlap;
    return blocking(() -> {
      ClientRegistry.IssuedKey issued = known(id, () -> registry.rotate(id, chosen));
      return ResponseEntity.status(HttpStatus.CREATED).body(IssuedKeyView.of(issued));
    });
  }

  @DeleteMapping("/clients/{id}/keys/{keyId}")
  Mono<ClientView> revoke(@PathVariable String id, @PathVariable String keyId) {
    return blocking(() -> ClientView.of(known(id, () -> registry.revoke(id, keyId))));
  }

  /**
   * What the calling client may call: every rule its scopes satisfy, each with the operations inside it that an
   * earlier rule keeps for a scope the client lacks.
   */
  @GetMapping("/me/operations")
  Mono<Operations> operations(ServerWebExchange exchange) {
    Caller caller = exchange.getAttributeOrDefault(AccessFilter.CALLER, Caller.ANONYMOUS);
    List<Operation> allowed = rules.allowedFor(caller).stream()
        .map(a -> new Operation(a.rule().methods(), a.rule().paths(), a.rule().scope(), a.except().stream()
            .map(e -> new Excepted(e.methods(), e.paths(), e.scope())).toList()))
        .toList();
    return Mono.just(new Operations(caller.clientId(), new TreeSet<>(caller.scopes()), caller.via(), allowed));
  }

  private static void checkScopes(Set<String> scopes) {
    if (scopes != null) {
      for (String scope : scopes) {
        if (scope == null || !SCOPES.contains(scope)) { // Set.of(...).contains(null) throws
          throw invalid("scopes", "every scope is one of " + new TreeSet<>(SCOPES));
        }
      }
    }
  }

  private static void checkQuota(int quota) {
    if (quota < 1 || quota > 1_000_000) {
      throw invalid("quotaPerMinute", "between 1 and 1000000 calls per minute");
    }
  }

  private static <T> T known(String id, Callable<T> action) {
    try {
      return action.call();
    } catch (ClientRegistry.UnknownClientException e) {
      throw new GatewayProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
          e.keyMissing() ? "The client has no key with this id." : "No client with this id.");
    } catch (ClientRegistry.LastAdministratorException e) {
      throw new GatewayProblem(HttpStatus.CONFLICT, "last-administrator", "Last administrator", e.getMessage() + ".");
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String stripped(String text) {
    return text == null ? null : text.strip();
  }

  private static GatewayProblem notFound(String id) {
    return new GatewayProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No client with this id.");
  }

  private static GatewayProblem invalid(String field, String message) {
    return GatewayProblem.invalidField(field, "invalid", message);
  }

  private static <T> Mono<T> blocking(Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }

  record NewClient(String id, String name, String opd, Set<String> scopes, Integer quotaPerMinute) {
    NewClient {
      quotaPerMinute = quotaPerMinute == null ? DEFAULT_QUOTA : quotaPerMinute;
    }
  }

  record ClientChange(String name, String opd, Set<String> scopes, Integer quotaPerMinute, String status) {
  }

  record Rotation(String overlap) {
  }

  record KeyView(String keyId, Instant createdAt, Instant expiresAt, Instant revokedAt) {
  }

  record ClientView(String id, String name, String opd, Set<String> scopes, int quotaPerMinute, String status,
      List<KeyView> keys, Instant createdAt, Instant updatedAt) {
    static ClientView of(ApiClient c) {
      return new ClientView(c.id(), c.name(), c.opd(), new TreeSet<>(c.scopes()), c.quotaPerMinute(), c.status(),
          c.keys().stream().map(k -> new KeyView(k.keyId(), k.createdAt(), k.expiresAt(), k.revokedAt())).toList(),
          c.createdAt(), c.updatedAt());
    }
  }

  /** The answer that issues a key: the only time the key is shown. */
  record IssuedKeyView(ClientView client, String keyId, String apiKey) {
    static IssuedKeyView of(ClientRegistry.IssuedKey issued) {
      return new IssuedKeyView(ClientView.of(issued.client()), issued.keyId(), issued.apiKey());
    }
  }

  /** @param except the operations inside this one that need another scope, which the client lacks */
  record Operation(List<String> methods, List<String> paths, String scope, List<Excepted> except) {
  }

  /** Operations inside an allowed one that are not allowed: the scope they need. */
  record Excepted(List<String> methods, List<String> paths, String needs) {
  }

  record Operations(String clientId, Set<String> scopes, String authenticatedBy, List<Operation> operations) {
  }
}
