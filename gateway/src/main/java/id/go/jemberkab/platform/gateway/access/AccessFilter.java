package id.go.jemberkab.platform.gateway.access;

import id.go.jemberkab.platform.contracts.gateway.GatewayAccess;
import id.go.jemberkab.platform.gateway.problem.GatewayProblem;
import id.go.jemberkab.platform.gateway.problem.ProblemWebExceptionHandler;
import id.go.jemberkab.platform.gateway.routing.ProxyHeadersFilter;
import id.go.jemberkab.platform.gateway.routing.ServiceGuardGatewayFilterFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The door every call passes, before routing: strips identity and forwarding headers a caller may have forged
 * and the hop-by-hop ones ({@link ProxyHeadersFilter#stripInbound}), authenticates (API key or JWT), checks the scope the operation needs, applies the caller's quota and the
 * body size limit, passes the verified client, W3C trace context and request id downstream, and writes one
 * audit record per call — refused ones included.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AccessFilter implements WebFilter {

  public static final String CALLER = AccessFilter.class.getName() + ".caller";
  public static final String CLIENT_ID = "X-Client-Id";
  public static final String CLIENT_SCOPES = "X-Client-Scopes";
  public static final String API_KEY = "X-API-Key";
  public static final String REQUEST_ID = "X-Request-Id";
  public static final String TRACEPARENT = "traceparent";
  /** Inbound headers the gateway removes: identity is only what the gateway itself verified. */
  static final List<String> IDENTITY_HEADERS = List.of(CLIENT_ID, CLIENT_SCOPES, "X-Client-Name", "X-Client-Via",
      "X-Authenticated-Client", "X-User-Id", "X-Forwarded-User", API_KEY, HttpHeaders.AUTHORIZATION);
  static final String WWW_AUTHENTICATE = "ApiKey header=\"X-API-Key\", Bearer realm=\"jember-platform\"";

  /** How much of a refused body is read to its end, and for how long, before the refusal goes out ({@link #drain}). */
  static final long DRAIN_BYTES = 4L * 1024 * 1024;
  static final java.time.Duration DRAIN_TIME = java.time.Duration.ofSeconds(5);

  private static final PathPattern ACTUATOR = PathPatternParser.defaultInstance.parse("/actuator/**");
  /** The probes' paths on the API port ({@code add-additional-paths}): not calls, no audit records. */
  private static final java.util.Set<String> PROBES = java.util.Set.of("/livez", "/readyz");
  /** Swagger UI's page and assets (springdoc serves them under /webjars): scripts a strict CSP would block. */
  private static final List<PathPattern> SWAGGER = List.of(PathPatternParser.defaultInstance.parse("/swagger-ui/**"),
      PathPatternParser.defaultInstance.parse("/swagger-ui.html"),
      PathPatternParser.defaultInstance.parse("/webjars/**"));

  private final ClientRegistry registry;
  private final JwtVerifier jwt;
  private final AccessRules rules;
  private final RateLimiter limiter;
  private final AuditLog audit;
  private final ProblemWebExceptionHandler problems;
  private final GatewayProperties properties;
  private final List<PathPattern> largeBodyPaths;
  private final SourceAddress sourceAddress;
  private final Clock clock;
  private final MeterRegistry meters;
  private final BodyDigest bodyDigest;
  private final ConcurrentHashMap<String, Counter> refusals = new ConcurrentHashMap<>();
  private final id.go.jemberkab.platform.gateway.routing.RoutedPaths routedPaths;

  /** The portal's CORS rules ({@code globalcors}), for the answers the gateway gives itself. */
  private final org.springframework.web.cors.CorsConfiguration cors;
  private static final org.springframework.web.cors.reactive.CorsProcessor CORS =
      new org.springframework.web.cors.reactive.DefaultCorsProcessor();

  AccessFilter(ClientRegistry registry, java.util.Optional<JwtVerifier> jwt, AccessRules rules, RateLimiter limiter,
      java.util.Optional<AuditLog> audit, ProblemWebExceptionHandler problems, GatewayProperties properties,
      Clock clock, MeterRegistry meters, BodyDigest bodyDigest,
      java.util.Optional<org.springframework.cloud.gateway.config.GlobalCorsProperties> globalCors,
      id.go.jemberkab.platform.gateway.routing.RoutedPaths routedPaths) {
    this.routedPaths = routedPaths;
    this.bodyDigest = bodyDigest;
    this.cors = globalCors.map(g -> g.getCorsConfigurations().get("/**")).orElse(null);
    this.registry = registry;
    this.jwt = jwt.orElse(null);
    this.rules = rules;
    this.limiter = limiter;
    this.audit = audit.orElse(null);
    this.problems = problems;
    this.properties = properties;
    this.largeBodyPaths = properties.largeBodyPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
    this.sourceAddress = new SourceAddress(properties.trustedProxies());
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Why the gateway will not judge this path, or null. The rules match decoded segments, the services may read them
   * otherwise: {@code /api/v1/events/5%2Fregistrations} is one segment to a rule for {@code /api/v1/events/{id}} (any
   * client) and may be two to a service, under a rule that needs {@code registration:write}; a {@code ..} segment
   * may climb out of the path a rule allowed; {@code //} is an empty segment to a rule and nothing to a service.
   * No operation of the platform has any of them, so they are refused.
   */
  static String unclearPath(PathContainer path) {
    boolean afterSeparator = false;
    for (PathContainer.Element element : path.elements()) {
      if (element instanceof PathContainer.Separator) {
        if (afterSeparator) {
          // an empty segment: the rules see "//" where the services see "/", and a rule meant for the path
          // (platform:admin for a replay) is passed by for a broader one
          return "An empty path segment (//) is not accepted: send the path with single slashes.";
        }
        afterSeparator = true;
      } else {
        afterSeparator = false;
      }
      if (element instanceof PathContainer.PathSegment segment) {
        if (segment.value().isEmpty()) {
          return "An empty path segment (//) is not accepted: send the path with single slashes.";
        }
        if (badEscapes(segment.value())) {
          // the service's Tomcat answers these with an HTML page of its own, not a problem
          return "A path segment is not percent-encoded UTF-8 text: %XX escapes of valid UTF-8, no control characters.";
        }
        String raw = segment.value().toLowerCase(java.util.Locale.ROOT);
        if (raw.contains("%2f") || raw.contains("%5c") || raw.contains("\\")) {
          return "A path segment with an encoded / or a \\ is not accepted.";
        }
        if (segment.valueToMatch().equals(".") || segment.valueToMatch().equals("..")) {
          return "A . or .. path segment is not accepted: send the path it stands for.";
        }
      }
    }
    return null;
  }

  /** Whether a raw path segment's escapes are broken ({@code %zz}), decode to no UTF-8 ({@code %ff}), or to a control. */
  static boolean badEscapes(String raw) {
    if (raw.indexOf('%') < 0) {
      return false;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        continue;
      }
      int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
      int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
      if (low < 0) {
        return true;
      }
      bytes.write(high << 4 | low);
      i += 2;
    }
    try {
      String decoded = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
      return decoded.chars().anyMatch(Character::isISOControl);
    } catch (java.nio.charset.CharacterCodingException notUtf8) {
      return true;
    }
  }

  /**
   * Why an {@code Origin} header, or the {@code Host} it is compared with, cannot be read; null when it can or
   * there is none. Spring's CORS check parses both and throws on a port past an int or a host that is no host
   * name: a 500 for what is the caller's mistake.
   */
  static String unreadableOrigin(ServerHttpRequest request) {
    String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
    if (origin == null) {
      return null;
    }
    try {
      org.springframework.web.util.UriComponents parsed =
          org.springframework.web.util.UriComponentsBuilder.fromUriString(origin).build();
      parsed.getPort();
      if (!"null".equals(origin) && (parsed.getScheme() == null || parsed.getHost() == null)) {
        return "The Origin header is not an origin (scheme://host[:port]) or \"null\".";
      }
    } catch (RuntimeException unreadable) {
      return "The Origin header is not an origin (scheme://host[:port]) or \"null\".";
    }
    if (request.getURI().getHost() == null) {
      return "The Origin header cannot be compared with this request's Host, which is not a host name.";
    }
    return null;
  }

  /** A path or an Origin header the access rules or the CORS check could misread; null for a readable request. */
  private static GatewayProblem unreadable(PathContainer path, ServerHttpRequest request) {
    String unclear = unclearPath(path);
    if (unclear != null) {
      return GatewayProblem.badPath(unclear);
    }
    String origin = unreadableOrigin(request);
    return origin == null ? null : GatewayProblem.badHeader(origin);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long started = System.nanoTime();
    Instant arrived = clock.instant();
    ServerHttpRequest request = exchange.getRequest();
    PathContainer path = request.getPath().pathWithinApplication();
    TraceContext trace = TraceContext.of(request.getHeaders().getFirst(TRACEPARENT),
        request.getHeaders().getFirst(REQUEST_ID));
    securityHeaders(exchange.getResponse(), trace, swaggerUi(path));
    Counted counted = new Counted(bodyDigest);
    AtomicReference<ServerWebExchange> current = new AtomicReference<>(exchange);
    AtomicReference<Caller> who = new AtomicReference<>(Caller.ANONYMOUS);
    boolean bodyless = !hasBody(request);
    GatewayProblem unreadable = unreadable(path, request);
    String address = address(request);
    // probes, Prometheus and preflights are never held back: a kubelet sharing an address with a prober must not
    // restart the gateway
    boolean preflight = org.springframework.web.cors.reactive.CorsUtils.isPreFlightRequest(request);
    RateLimiter.Decision refusals = ACTUATOR.matches(path) || PROBES.contains(path.value()) || preflight ? null
        : limiter.refusals(address, properties.refusalsPerMinute());
    if (bodyless) {
      // the guard's retries ask this of the request as it came: admitting it removes its Transfer-Encoding
      exchange.getAttributes().put(ServiceGuardGatewayFilterFactory.BODYLESS_ATTR, Boolean.TRUE);
    } else {
      // the guard asks, when the time limit runs out, whether the caller was still sending
      exchange.getAttributes().put(ServiceGuardGatewayFilterFactory.BODY_ARRIVING_ATTR,
          (java.util.function.BooleanSupplier) () -> !counted.requestEnded);
    }
    // the method and the path are checked first, also for a held-back address whose caller has a valid key
    Mono<Caller> identified = !METHODS.contains(request.getMethod())
        ? (bodyless ? requestEnd(request) : Mono.<Void>empty()).then(Mono.error(GatewayProblem.notImplemented(
            "No operation of the platform uses this method; the platform's APIs use GET, HEAD, POST, PUT, PATCH, "
                + "DELETE and OPTIONS.")))
        : unreadable != null ? (bodyless ? requestEnd(request) : Mono.<Void>empty()).then(Mono.error(unreadable))
        : refusals != null ? (bodyless ? requestEnd(request) : Mono.<Void>empty())
            .then(heldBack(exchange, refusals))
        // a browser sends no credentials on a preflight; any there are not checked, as preflights are never held back
        : preflight ? (bodyless ? requestEnd(request) : Mono.<Void>empty()).then(Mono.just(Caller.ANONYMOUS))
        : bodyless ? requestEnd(request).then(authenticate(request)) : authenticate(request);
    return identified
        .flatMap(caller -> {
          who.set(caller);
          ServerWebExchange forwarded = admit(exchange, caller, address, path, trace, counted);
          current.set(forwarded);
          return chain.filter(forwarded);
        })
        .onErrorResume(error -> {
          if (current.get() == exchange) {
            // refused before it was admitted: the problem the gateway writes is the response the audit counts
            current.set(exchange.mutate().response(new CountingResponse(exchange.getResponse(), counted)).build());
          }
          if (error instanceof GatewayProblem problem) {
            refused(problem, who.get(), path);
            // a registered client's 403s and 404s took a token of its own quota: they are its, not its address's
            // (a department system looping on an operation it may not use would hold back everyone behind its NAT)
            if (REFUSALS.contains(problem.status()) && !(!who.get().anonymous()
                && (problem.status() == HttpStatus.FORBIDDEN || problem.status() == HttpStatus.NOT_FOUND
                    || problem.status() == HttpStatus.METHOD_NOT_ALLOWED))) {
              limiter.takeRefusal(address, properties.refusalsPerMinute());
            }
            if (problem.status() == HttpStatus.UNAUTHORIZED) {
              // RFC 9110: every 401 names the ways in, a revoked key's as much as a missing one's
              exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, WWW_AUTHENTICATE);
            }
          }
          // a refusal the portal's page cannot read (429 and its Retry-After) is a network error to the browser
          allowPortal(current.get());
          boolean unread = unreadBody(request, counted);
          if (unread && !exchange.getResponse().isCommitted()) {
            // the refused body, or what is left of it, is still on the wire: a client reusing this connection
            // would send its next request behind it and wait for an answer that never comes (an answer already
            // on its way, cut off, is closed by the problem handler; its headers can no longer change)
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
          }
          Mono<Void> answer = Mono.defer(() -> problems.handle(current.get(), error));
          // a body nothing has begun to read is read to its end first, when it is small enough
          return unread && counted.requestBytes.get() == 0 && drains(request, error) ? drain(request).then(answer)
              : answer;
        })
        .doFinally(signal -> {
          if (audit != null && !ACTUATOR.matches(path) && !PROBES.contains(path.value())) {
            audit.record(access(current.get(), arrived, started, who.get(), trace, counted));
          }
        });
  }

  /**
   * The CORS answer headers for an allowed origin on an answer the gateway gives itself (401, 403, 404, 413, 429,
   * 503): routed answers get them from the routes' handler mapping, which refusals never reach. An origin not
   * allowed gets none, and the refusal keeps its status.
   */
  private void allowPortal(ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    // an Origin the CORS check cannot read was refused for it: checking it here would throw once more
    if (cors != null && unreadableOrigin(request) == null
        && org.springframework.web.cors.reactive.CorsUtils.isCorsRequest(request)
        && !org.springframework.web.cors.reactive.CorsUtils.isPreFlightRequest(request)
        && cors.checkOrigin(request.getHeaders().getOrigin()) != null) {
      CORS.process(cors, exchange);
    }
  }

  /**
   * Refusals counted against the caller's address ({@code platform.gateway.refusals-per-minute}): what a prober or a
   * client with a wrong key causes. Not 413, 429 or 503: those are not the address guessing.
   */
  static final Set<HttpStatus> REFUSALS = Set.of(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED,
      HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.NOT_IMPLEMENTED);

  /**
   * The methods the platform's APIs use. Any other token is refused before anything else: Netty accepts any, and
   * each new one made a new series of every route metric (a client could grow the gateway's memory and Prometheus
   * without bound); the audit records it as {@value #OTHER_METHOD}.
   */
  static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
      HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
  static final String OTHER_METHOD = "OTHER";

  private static boolean swaggerUi(PathContainer path) {
    for (PathPattern pattern : SWAGGER) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasBody(ServerHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
  }

  /** A body not read to its end: unread, or cut off at the size limit. */
  private static boolean unreadBody(ServerHttpRequest request, Counted counted) {
    return hasBody(request) && !counted.requestEnded;
  }

  /**
   * Reads and drops a refused request's body, at most {@link #DRAIN_BYTES} within {@link #DRAIN_TIME}, before the
   * refusal is written and the connection closed. Closed with the caller's bytes unread, the connection is reset
   * rather than closed, and a caller still sending its body loses the answer with it: an HTTP client saw "no bytes"
   * instead of its 413 (RFC 9112 §9.6). A larger body, or one that keeps coming, is not waited for.
   */
  /**
   * Whether to {@link #drain} before this refusal. Not for a caller that waits for {@code 100 Continue} before it
   * sends its body (reading would invite the body only to drop it; closing leaves nothing unread), nor for a 429 or
   * a 503: an address held back for its refusals, or a service that is away, is not worth 4 MB and 5 s a call.
   */
  private static boolean drains(ServerHttpRequest request, Throwable error) {
    if (request.getHeaders().containsHeader(HttpHeaders.EXPECT)) {
      return false;
    }
    return !(error instanceof GatewayProblem problem) || problem.status() != HttpStatus.TOO_MANY_REQUESTS
        && problem.status() != HttpStatus.SERVICE_UNAVAILABLE;
  }

  private static Mono<Void> drain(ServerHttpRequest request) {
    if (request.getHeaders().getContentLength() > DRAIN_BYTES) {
      return Mono.empty();
    }
    AtomicLong read = new AtomicLong();
    return request.getBody().doOnNext(buffer -> {
      long total = read.addAndGet(buffer.readableByteCount());
      DataBufferUtils.release(buffer);
      if (total > DRAIN_BYTES) {
        throw new IllegalStateException("more of a refused body than is read to its end");
      }
    }).then().timeout(DRAIN_TIME).onErrorResume(tooMuchOrTooSlow -> Mono.empty());
  }

  /**
   * The end of a request without a body, read before the call is handled. An answer the gateway gives at once (a
   * refusal, a CORS preflight), written before the server had read the request's end, left the kept-alive connection
   * unread (Reactor Netty 1.3.6; fixed in releases not served here), and the caller's next call on it went unanswered
   * until its timeout: about one call in twenty after a refusal, one in thirty after a preflight.
   */
  private static Mono<Void> requestEnd(ServerHttpRequest request) {
    return request.getBody().doOnNext(DataBufferUtils::release).then();
  }

  /**
   * A call from an address whose calls were refused too often: only a valid API key goes on (one hash and a lookup,
   * so a department behind the same NAT as a misconfigured system keeps working); anything else is 429 before a
   * token is verified or a rule asked.
   */
  private Mono<Caller> heldBack(ServerWebExchange exchange, RateLimiter.Decision refusals) {
    String key = exchange.getRequest().getHeaders().getFirst(API_KEY);
    java.util.Optional<Caller> caller = key == null || registry.stale() ? java.util.Optional.empty()
        : registry.authenticateKey(key.trim());
    if (caller.isPresent()) {
      return Mono.just(caller.get());
    }
    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(refusals.retryAfterSeconds()));
    return Mono.error(GatewayProblem.tooManyRequests("More than " + refusals.limit() + " calls a minute from this "
        + "address were refused (bad credentials, unknown operations, missing scopes); until fewer are, only calls "
        + "with a valid API key are taken. Retry after " + refusals.retryAfterSeconds() + " s."));
  }

  private Mono<Caller> authenticate(ServerHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    String key = headers.getFirst(API_KEY);
    if ((key != null || headers.getFirst(HttpHeaders.AUTHORIZATION) != null) && registry.stale()) {
      return Mono.error(GatewayProblem.unavailable("The gateway could not read its client registry for "
          + registry.age().toSeconds() + " s (its log says why), so it cannot tell whether these credentials "
          + "were revoked meanwhile. Retry later with the same credentials."));
    }
    if (key != null) {
      return registry.authenticateKey(key.trim()).map(Mono::just).orElseGet(() -> Mono.error(GatewayProblem.unauthorized(
          "The API key is not valid: unknown, revoked, past its rotation overlap, or its client is suspended.")));
    }
    String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (jwt == null) {
        return Mono.error(GatewayProblem.unauthorized("Bearer tokens are not accepted here: no JWKS is configured. "
            + "Use an API key in X-API-Key."));
      }
      String token = authorization.substring(7).trim();
      // the first token of a key id may fetch the JWKS: off the event loop
      return Mono.fromCallable(() -> verify(token)).subscribeOn(Schedulers.boundedElastic());
    }
    if (authorization != null) {
      return Mono.error(GatewayProblem.unauthorized("Only Bearer tokens and X-API-Key are accepted."));
    }
    return Mono.just(Caller.ANONYMOUS);
  }

  private Caller verify(String token) {
    JwtVerifier.Token verified;
    try {
      verified = jwt.verify(token);
    } catch (JwtVerifier.InvalidTokenException e) {
      throw GatewayProblem.unauthorized("The bearer token is not valid: " + e.getMessage());
    } catch (JwtVerifier.KeysUnavailableException e) {
      throw GatewayProblem.unavailable("The identity provider's signing keys could not be fetched, so the token was "
          + "not checked; it may well be valid. Retry later with the same token.");
    }
    ApiClient client = registry.find(verified.clientId()).filter(ApiClient::active).orElseThrow(() ->
        GatewayProblem.unauthorized("The token's client " + verified.clientId() + " is not registered or is suspended."));
    Set<String> scopes = new HashSet<>(verified.scopes());
    scopes.retainAll(client.scopes());
    return new Caller(client.id(), Set.copyOf(scopes), client.quotaPerMinute(), "jwt");
  }

  /** Checks scope, quota and size; returns the exchange to forward, with verified identity headers. */
  private ServerWebExchange admit(ServerWebExchange exchange, Caller caller, String address, PathContainer path,
      TraceContext trace, Counted counted) {
    ServerHttpRequest request = exchange.getRequest();
    String method = request.getMethod().name();
    boolean preflight = request.getMethod() == HttpMethod.OPTIONS && request.getHeaders().getOrigin() != null
        && request.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    if (!preflight) {
      // like the refusals above: a kubelet sharing an address with anonymous readers must not see a 429
      boolean metered = !ACTUATOR.matches(path) && !PROBES.contains(path.value());
      if (metered && !caller.anonymous()) {
        // a client's refused calls (403, 404) use its quota too: with a valid key they were otherwise unbounded,
        // each with its audit record, and kept the address's refusals at the limit for everyone behind it
        quota(exchange, caller, address);
      }
      AccessRules.Rule rule = rules.match(method, path);
      if (rule == null) {
        java.util.Set<String> others = rules.methodsAt(path);
        if (!others.isEmpty()) {
          // RFC 9110: a 405 names the methods the resource takes
          exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, String.join(", ", others));
          throw GatewayProblem.methodNotAllowed("This path takes " + String.join(", ", others) + ".");
        }
        throw GatewayProblem.notFound("No operation " + method + " at this path.");
      }
      if (!AccessRules.allows(rule, caller)) {
        if (caller.anonymous()) {
          throw GatewayProblem.unauthorized("This operation needs credentials: an API key in X-API-Key or an "
              + "OAuth2 bearer token" + (AccessRules.AUTHENTICATED.equals(rule.scope()) ? "."
              : " with the scope " + rule.scope() + "."));
        }
        throw GatewayProblem.forbidden("This operation needs the scope " + rule.scope() + "; client "
            + caller.clientId() + " does not hold it.");
      }
      if (metered && caller.anonymous()) {
        quota(exchange, caller, address);
      }
    }
    long limit = limitFor(request.getMethod(), path);
    long declared = request.getHeaders().getContentLength();
    if (declared > limit) {
      throw GatewayProblem.payloadTooLarge("The request body is " + declared + " bytes; this operation accepts at most "
          + limit + ".");
    }
    exchange.getAttributes().put(CALLER, caller);
    io.netty.handler.codec.http.HttpHeaders own = serversOwnHeaders(request);
    boolean inPlace = false;
    if (own != null && ProxyHeadersFilter.stripInboundInPlace(own)) {
      identify(new HttpHeaders(new org.springframework.http.support.Netty4HeadersAdapter(own)), caller, trace);
      // Spring's headers are a view of the server's, or this request's go from a copy after all: the gateway's own
      // traceparent (a new span every call) shows it in one lookup
      inPlace = trace.traceparent().equals(request.getHeaders().getFirst(TRACEPARENT));
    }
    ServerHttpRequest forwarded = inPlace ? request : request.mutate().headers(h -> {
      ProxyHeadersFilter.stripInbound(h);
      identify(h, caller, trace);
    }).build();
    return exchange.mutate().request(new CountingRequest(forwarded, counted, limit, !hasBody(request)))
        .response(new CountingResponse(exchange.getResponse(), counted)).build();
  }

  /** The caller's identity headers go, the verified identity and the trace come in. */
  private static void identify(HttpHeaders headers, Caller caller, TraceContext trace) {
    IDENTITY_HEADERS.forEach(headers::remove);
    if (!caller.anonymous()) {
      headers.set(CLIENT_ID, caller.clientId());
      headers.set(CLIENT_SCOPES, scopeHeader(caller.scopes()));
    }
    headers.set(TRACEPARENT, trace.traceparent());
    headers.set(REQUEST_ID, trace.requestId());
  }

  /** Each distinct set of scopes (subsets of the platform's few) in its header form, sorted and joined once. */
  private static final Map<Set<String>, String> SCOPE_HEADERS = new ConcurrentHashMap<>();

  static String scopeHeader(Set<String> scopes) {
    String header = SCOPE_HEADERS.get(scopes);
    if (header == null) {
      header = String.join(" ", new TreeSet<>(scopes));
      if (SCOPE_HEADERS.size() < 1024) {
        SCOPE_HEADERS.put(Set.copyOf(scopes), header);
      }
    }
    return header;
  }

  /**
   * The server's own headers of a request as it came, writable: Spring's request headers are a read-only view of
   * them, so a change here is what every later reader sees, and no copy of every header is made per call (the copy
   * and its builder took about a twentieth of the gateway's CPU samples). Null for any other request (one that was
   * mutated, or a test's), whose headers are copied instead. The server itself reads the hop-by-hop headers
   * (Transfer-Encoding for the body, Connection for keep-alive): a request carrying any of those is copied
   * ({@link ProxyHeadersFilter#stripInboundInPlace}).
   */
  private static io.netty.handler.codec.http.HttpHeaders serversOwnHeaders(ServerHttpRequest request) {
    if (request.getClass().getName().equals(REACTOR_REQUEST)
        && request instanceof org.springframework.http.server.reactive.AbstractServerHttpRequest server
        && server.getNativeRequest() instanceof reactor.netty.http.server.HttpServerRequest netty) {
      return netty.requestHeaders();
    }
    return null;
  }

  private static final String REACTOR_REQUEST = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

  /** The caller's address: the TCP peer, or what a trusted proxy's X-Forwarded-For names. */
  private String address(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    return sourceAddress.of(remote == null ? null : remote.getAddress(), request.getHeaders().get("X-Forwarded-For"));
  }

  private void quota(ServerWebExchange exchange, Caller caller, String address) {
    RateLimiter.Decision decision;
    if (caller.anonymous()) {
      decision = limiter.takeForAddress(address, properties.anonymousPerMinute());
    } else {
      decision = limiter.takeForClient(caller.clientId(), caller.quotaPerMinute());
    }
    HttpHeaders headers = exchange.getResponse().getHeaders();
    headers.set("RateLimit-Limit", Integer.toString(decision.limit()));
    headers.set("RateLimit-Remaining", Integer.toString(decision.remaining()));
    headers.set("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    headers.set("RateLimit-Policy", decision.limit() + ";w=60");
    if (!decision.allowed()) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
      throw GatewayProblem.tooManyRequests("The quota of " + decision.limit() + " calls per minute"
          + (caller.anonymous() ? " for calls without credentials from one address" : " of client " + caller.clientId())
          + " is used up; retry after " + decision.retryAfterSeconds() + " s.");
    }
  }

  /**
   * The large limit is for uploads: a POST to a large-body path, which the streamed imports route takes. Any other
   * method there goes to the service's ordinary route, with the ordinary limit.
   */
  private long limitFor(HttpMethod method, PathContainer path) {
    if (method == HttpMethod.POST) {
      for (PathPattern pattern : largeBodyPaths) {
        if (pattern.matches(path)) {
          return properties.maxLargeBodySize().toBytes();
        }
      }
    }
    return properties.maxBodySize().toBytes();
  }

  private static void securityHeaders(ServerHttpResponse response, TraceContext trace, boolean swaggerUi) {
    response.beforeCommit(() -> {
      HttpHeaders headers = response.getHeaders();
      headers.set(REQUEST_ID, trace.requestId());
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("X-Frame-Options", "DENY");
      headers.set("Referrer-Policy", "no-referrer");
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      if (!swaggerUi) {
        headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      }
      return Mono.empty();
    });
  }

  /**
   * Counted by reason, client and {@code routed}: whether a route takes the path. Spring's http.server.requests
   * measures refusals on the gateway's own paths already (RoutingConfiguration); the error-ratio rules add only the
   * routed ones.
   */
  private void refused(GatewayProblem problem, Caller caller, PathContainer path) {
    String routed = Boolean.toString(routedPaths.contains(path));
    refusals.computeIfAbsent(problem.slug() + "|" + caller.clientId() + "|" + routed, k -> Counter.builder(
            "gateway.refusals").description("Calls the gateway refused itself, by reason, client and routed path")
        .tag("reason", problem.slug()).tag("client", caller.clientId()).tag("routed", routed).register(meters))
        .increment();
  }

  private static GatewayAccess access(ServerWebExchange exchange, Instant arrived, long started, Caller caller,
      TraceContext trace, Counted counted) {
    Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    // a route may name its service (the imports route is citizen's); otherwise the route is the service
    return new GatewayAccess(arrived, caller.clientId(),
        route == null ? "gateway" : String.valueOf(route.getMetadata().getOrDefault("service", route.getId())),
        METHODS.contains(exchange.getRequest().getMethod()) ? exchange.getRequest().getMethod().name() : OTHER_METHOD,
        PathTemplates.of(exchange.getRequest().getPath().value()),
        status == null ? 499 : status.value(), (System.nanoTime() - started) / 1_000_000, counted.requestBytes.get(),
        counted.responseBytes.get(), counted.bodyDigest(), trace.traceId(), trace.requestId());
  }

  /** Body bytes in and out, and the keyed digest ({@link BodyDigest}) of what came in. */
  static final class Counted {
    final AtomicLong requestBytes = new AtomicLong();
    /** The request body was read to its end. */
    volatile boolean requestEnded;
    final AtomicLong responseBytes = new AtomicLong();
    private final BodyDigest keyed;
    private javax.crypto.Mac digest;

    Counted(BodyDigest keyed) {
      this.keyed = keyed;
    }

    synchronized void request(DataBuffer buffer) {
      if (digest == null) {
        digest = keyed.start();
      }
      try (DataBuffer.ByteBufferIterator parts = buffer.readableByteBuffers()) {
        while (parts.hasNext()) {
          digest.update(parts.next());
        }
      }
    }

    /** Hex HMAC-SHA-256 of the body as received; null without a body. */
    synchronized String bodyDigest() {
      return digest == null ? null : HexFormat.of().formatHex(digest.doFinal());
    }
  }

  private static final class CountingRequest extends ServerHttpRequestDecorator {
    private final Counted counted;
    private final long limit;

    private final boolean ended;

    /** {@code ended}: a request without a body, whose end {@link #requestEnd} has read: nothing more to read. */
    CountingRequest(ServerHttpRequest delegate, Counted counted, long limit, boolean ended) {
      super(delegate);
      this.counted = counted;
      this.limit = limit;
      this.ended = ended;
    }

    @Override
    public Flux<DataBuffer> getBody() {
      if (ended) {
        return Flux.empty();
      }
      return super.getBody().doOnNext(buffer -> {
        if (counted.requestBytes.addAndGet(buffer.readableByteCount()) > limit) {
          // the failing element is not released by the operator that turns the throw into an error
          DataBufferUtils.release(buffer);
          throw GatewayProblem.payloadTooLarge("The request body exceeds the " + limit
              + " bytes this operation accepts.");
        }
        counted.request(buffer);
      }).doOnComplete(() -> counted.requestEnded = true);
    }
  }

  /**
   * Counts the response bytes. Zero-copy stays zero-copy: a static resource written from a file goes on to the
   * server's own zero-copy write, counted by its length.
   */
  static final class CountingResponse extends ServerHttpResponseDecorator
      implements org.springframework.http.ZeroCopyHttpOutputMessage {
    private final Counted counted;

    CountingResponse(ServerHttpResponse delegate, Counted counted) {
      super(delegate);
      this.counted = counted;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return super.writeWith(Flux.from(body).doOnNext(b -> counted.responseBytes.addAndGet(b.readableByteCount())));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return super.writeAndFlushWith(Flux.from(body).map(part -> Flux.from(part)
          .doOnNext(b -> counted.responseBytes.addAndGet(b.readableByteCount()))));
    }

    @Override
    public Mono<Void> writeWith(java.nio.file.Path file, long position, long count) {
      counted.responseBytes.addAndGet(count);
      if (getDelegate() instanceof org.springframework.http.ZeroCopyHttpOutputMessage zeroCopy) {
        return zeroCopy.writeWith(file, position, count);
      }
      return super.writeWith(org.springframework.core.io.buffer.DataBufferUtils.takeUntilByteCount(
          org.springframework.core.io.buffer.DataBufferUtils.read(file, bufferFactory(), 8192)
              .transform(f -> org.springframework.core.io.buffer.DataBufferUtils.skipUntilByteCount(f, position)),
          count));
    }
  }
}
