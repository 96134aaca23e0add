package id.go.jemberkab.platform.gateway.problem;

import id.go.jemberkab.platform.gateway.routing.StalledResponses;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders errors raised in the gateway itself as {@code application/problem+json}, ahead of Boot's
 * default JSON error page: a status error keeps its status, anything else is a logged 500 without details.
 */
@Component
@Order(-2)
public class ProblemWebExceptionHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

  private static final String STALL_COUNTED = ProblemWebExceptionHandler.class.getName() + ".stallCounted";

  private final JsonMapper json;

  private final DownstreamFailures failures;

  public ProblemWebExceptionHandler(JsonMapper json) {
    this(json, null);
  }

  @org.springframework.beans.factory.annotation.Autowired
  public ProblemWebExceptionHandler(JsonMapper json, DownstreamFailures failures) {
    this.json = json;
    this.failures = failures;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      // the access filter hands its calls' errors here, and what goes on from here comes back as the server's
      if (stalled(error) && exchange.getAttributes().putIfAbsent(STALL_COUNTED, Boolean.TRUE) == null) {
        String service = serviceOf(exchange);
        log.warn("{} stalled mid-answer on {} {}, cut off: {}", service, exchange.getRequest().getMethod(),
            id.go.jemberkab.platform.gateway.access.PathTemplates.of(exchange.getRequest().getPath().value()),
            error.getMessage());
        if (failures != null) {
          failures.count(service, error);
        }
      }
      // the caller has the status and part of the body: the connection is closed mid-answer, so the answer cannot
      // pass for whole. Closed here rather than by the server, which would log the raw path and query (a citizen's
      // id) at ERROR, where this handler writes the path's template only
      reactor.netty.http.server.HttpServerResponse netty = nettyResponse(response);
      if (netty != null) {
        netty.withConnection(reactor.netty.Connection::dispose);
        return Mono.empty();
      }
      return Mono.error(error);
    }
    HttpStatusCode status;
    String detail;
    if (error instanceof GatewayProblem p) {
      if (exchange.getAttribute(id.go.jemberkab.platform.gateway.routing.ServiceGuardGatewayFilterFactory.SERVICE_ATTR)
          != null) {
        // found on a routed call (a 408 when the time ran out, a 413 while the body streamed): the service's
        // answer may have begun to arrive, and its headers go with it, not on the problem
        org.springframework.cloud.gateway.support.ServerWebExchangeUtils.reset(exchange);
      }
      if (p.status() == HttpStatus.SERVICE_UNAVAILABLE) {
        response.getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      }
      return write(exchange, p.status(), p.slug(), p.title(), p.getMessage(), p.properties());
    }
    if (serviceFailed(exchange, error)) {
      String service = serviceOf(exchange);
      // a time limit that ran out just as the service's answer arrived may have left its headers (Content-Length,
      // ETag) on the response: the problem goes out without them
      org.springframework.cloud.gateway.support.ServerWebExchangeUtils.reset(exchange);
      log.warn("{} unavailable: {}", service, error.toString());
      if (failures != null) {
        failures.count(service, error);
      }
      response.getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
          "The " + service + " service is unavailable or did not answer in time. Retry later.",
          java.util.Map.of("service", service));
    }
    if (error instanceof ResponseStatusException e) {
      status = e.getStatusCode();
      // what the status needs said with it: Allow on a 405, Accept on a 415 (RFC 9110)
      response.getHeaders().addAll(e.getHeaders());
      detail = status.value() == 404 ? "No route for this path." : e.getReason();
    } else {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      detail = "The error was logged; retrying may help.";
      // the path's template, as in the audit record: a raw path may carry ids, or whatever a caller typed
      log.error("unhandled {} on {} {}", error.getClass().getName(), exchange.getRequest().getMethod(),
          id.go.jemberkab.platform.gateway.access.PathTemplates.of(exchange.getRequest().getPath().value()), error);
    }
    if (status.value() == 400) {
      GatewayProblem field = fieldError(error);
      if (field != null) {
        return write(exchange, field.status(), field.slug(), field.title(), field.getMessage(), field.properties());
      }
      return write(exchange, status, "malformed-request", "Malformed request",
          "The body is not JSON of the expected shape (unknown fields are refused).");
    }
    HttpStatus known = HttpStatus.resolve(status.value());
    String slug = known == null ? "error" : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    return write(exchange, status, slug, known == null ? "Error" : known.getReasonPhrase(), detail);
  }

  /**
   * The field a body's JSON broke, as the services name it: an unknown field, or a value of the wrong JSON type
   * (strict scalars); null when the body is no JSON or the wrong shape as a whole. Never the value.
   */
  static GatewayProblem fieldError(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
        return GatewayProblem.invalidField(path(unknown), "unknown-field", "unknown field; remove it");
      }
      // a wrong JSON type, or a number past the field's range (2147483648 for an int)
      if (cause instanceof tools.jackson.core.JacksonException failed && !failed.getPath().isEmpty()) {
        return GatewayProblem.invalidField(path(failed), "type-mismatch",
            "is missing, has the wrong JSON type or format, or is out of range");
      }
    }
    return null;
  }

  /** The JSON path of the failing value, {@code scopes[2]} or {@code quotaPerMinute}. */
  private static String path(tools.jackson.core.JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (tools.jackson.core.JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() > 200 ? path.substring(0, 200) + "…" : path.toString();
  }

  private static boolean stalled(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof StalledResponses.Stalled) {
        return true;
      }
    }
    return false;
  }

  /** Seconds a caller is asked to wait when a service is unavailable. */
  public static final String RETRY_AFTER_SECONDS = "10";

  /** The service the route's guard names (every route has one); a route's id should one ever lack it. */
  private static String serviceOf(ServerWebExchange exchange) {
    String guarded = exchange.getAttribute(
        id.go.jemberkab.platform.gateway.routing.ServiceGuardGatewayFilterFactory.SERVICE_ATTR);
    if (guarded != null) {
      return guarded;
    }
    org.springframework.cloud.gateway.route.Route route = exchange.getAttribute(
        org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    return route == null ? "downstream" : route.getId();
  }

  /**
   * A routed call the service failed: it could not be reached, its open breaker refused the call, it did not
   * answer within its time limit (the guard's, or Spring Cloud Gateway's 503 and 504), or the connection broke.
   * Every method then gets the same 503 with {@code Retry-After}.
   */
  static boolean serviceFailed(ServerWebExchange exchange, Throwable error) {
    if (exchange.getAttribute(org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR)
        == null) {
      return false;
    }
    if (error instanceof ResponseStatusException e && (e.getStatusCode().value() == 503
        || e.getStatusCode().value() == 504)) {
      return true;
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException || cause instanceof java.util.concurrent.TimeoutException
          || cause instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
        return true;
      }
    }
    return false;
  }

  private static reactor.netty.http.server.HttpServerResponse nettyResponse(ServerHttpResponse response) {
    try {
      return org.springframework.http.server.reactive.ServerHttpResponseDecorator.getNativeResponse(response)
          instanceof reactor.netty.http.server.HttpServerResponse netty ? netty : null;
    } catch (IllegalArgumentException notNetty) {
      return null;
    }
  }

  /** Writes a problem response; headers already set on the response (Retry-After, ...) stay. */
  public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String slug, String title,
      String detail) {
    return write(exchange, status, slug, title, detail, java.util.Map.of());
  }

  private Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String slug, String title,
      String detail, java.util.Map<String, Object> properties) {
    ServerHttpResponse response = exchange.getResponse();
    // RFC 9457's members, then the extensions at the top level (a ProblemDetail's properties would nest)
    java.util.Map<String, Object> problem = new java.util.LinkedHashMap<>();
    problem.put("type", "https://platform.jemberkab.go.id/problems/" + slug);
    problem.put("title", title);
    problem.put("status", status.value());
    if (detail != null) {
      problem.put("detail", detail);
    }
    problem.put("instance", exchange.getRequest().getPath().value());
    problem.putAll(properties);
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    DataBuffer body = response.bufferFactory().wrap(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(body));
  }
}
