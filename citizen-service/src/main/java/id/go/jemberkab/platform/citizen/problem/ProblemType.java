package id.go.jemberkab.platform.citizen.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** The problem types citizen-service answers with; documented in {@code docs/problems.md}. */
public enum ProblemType {

  VALIDATION_FAILED("validation-failed", "The request has invalid fields", HttpStatus.BAD_REQUEST),
  MALFORMED_REQUEST("malformed-request", "The request body is not readable JSON of the expected shape",
      HttpStatus.BAD_REQUEST),
  NOT_FOUND("not-found", "No such resource", HttpStatus.NOT_FOUND),
  ALREADY_REGISTERED("already-registered", "The citizen is already registered", HttpStatus.CONFLICT),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed on this resource", HttpStatus.METHOD_NOT_ALLOWED),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Send application/json", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  INTERNAL("internal-error", "The service failed to handle the request", HttpStatus.INTERNAL_SERVER_ERROR);

  /** Base of every problem type URI, stable across releases. */
  public static final String BASE = "https://platform.jemberkab.go.id/problems/";

  private final URI type;
  private final String title;
  private final HttpStatus status;

  ProblemType(String slug, String title, HttpStatus status) {
    this.type = URI.create(BASE + slug);
    this.title = title;
    this.status = status;
  }

  public URI type() {
    return type;
  }

  public String title() {
    return title;
  }

  public HttpStatus status() {
    return status;
  }
}
