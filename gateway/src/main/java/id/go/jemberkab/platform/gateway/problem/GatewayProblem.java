package id.go.jemberkab.platform.gateway.problem;

import org.springframework.http.HttpStatus;

/**
 * A refusal by the gateway itself (400 for a path it will not judge, 401, 403, 404, 408, 413, 429, 501 for a method no
 * API has, or 503 when it cannot judge the call), rendered as {@code application/problem+json}
 * with the type {@code https://platform.jemberkab.go.id/problems/<slug>}.
 */
public final class GatewayProblem extends RuntimeException {

  private final HttpStatus status;
  private final String slug;
  private final String title;

  public GatewayProblem(HttpStatus status, String slug, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public static GatewayProblem unauthorized(String detail) {
    return new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required", detail);
  }

  public static GatewayProblem forbidden(String detail) {
    return new GatewayProblem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
  }

  public static GatewayProblem notFound(String detail) {
    return new GatewayProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
  }

  public static GatewayProblem tooManyRequests(String detail) {
    return new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests", detail);
  }

  public static GatewayProblem payloadTooLarge(String detail) {
    return new GatewayProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large", detail);
  }

  /** The caller's body did not arrive within the time the service is given to answer. */
  public static GatewayProblem requestTimeout(String detail) {
    return new GatewayProblem(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request body too slow", detail);
  }

  public static GatewayProblem badPath(String detail) {
    return new GatewayProblem(HttpStatus.BAD_REQUEST, "path-invalid", "Path not accepted", detail);
  }

  public static GatewayProblem badHeader(String detail) {
    return new GatewayProblem(HttpStatus.BAD_REQUEST, "header-invalid", "Header not accepted", detail);
  }

  public static GatewayProblem notImplemented(String detail) {
    return new GatewayProblem(HttpStatus.NOT_IMPLEMENTED, "not-implemented", "Method not implemented", detail);
  }

  /** Something the gateway needs to judge the call is away (the identity provider's keys): not the caller's fault. */
  public static GatewayProblem unavailable(String detail) {
    return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable", detail);
  }

  public HttpStatus status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }
}
