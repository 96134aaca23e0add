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
  private final java.util.Map<String, Object> properties;

  public GatewayProblem(HttpStatus status, String slug, String title, String detail) {
    this(status, slug, title, detail, java.util.Map.of());
  }

  private GatewayProblem(HttpStatus status, String slug, String title, String detail,
      java.util.Map<String, Object> properties) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.properties = properties;
  }

  /**
   * A field of a request body that breaks its rule, as the services answer it: {@code validation-failed} with
   * {@code errors[]} of {@code {field, code, message}}; the message never quotes the value.
   */
  public static GatewayProblem invalidField(String field, String code, String message) {
    return new GatewayProblem(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed",
        "Correct the fields listed in 'errors' and send again.", java.util.Map.of("errors",
            java.util.List.of(java.util.Map.of("field", field, "code", code, "message", message))));
  }

  /** Members of the problem beside RFC 9457's ({@code errors}), at its top level. */
  public java.util.Map<String, Object> properties() {
    return properties;
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

  /** The path has operations, none for this method; the response's {@code Allow} header names theirs. */
  public static GatewayProblem methodNotAllowed(String detail) {
    return new GatewayProblem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed on this resource",
        detail);
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
