package id.go.jemberkab.platform.problems;

import org.springframework.http.HttpStatus;

/** The problem types every service shares. */
public enum Problems implements ProblemType {

  VALIDATION_FAILED("validation-failed", "The request has invalid fields", HttpStatus.BAD_REQUEST),
  MALFORMED_REQUEST("malformed-request", "The request body is not readable JSON of the expected shape",
      HttpStatus.BAD_REQUEST),
  NOT_FOUND("not-found", "No such resource", HttpStatus.NOT_FOUND),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed on this resource", HttpStatus.METHOD_NOT_ALLOWED),
  NOT_ACCEPTABLE("not-acceptable", "No representation in the requested media type", HttpStatus.NOT_ACCEPTABLE),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Send application/json", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  INTERNAL("internal-error", "The service failed to handle the request", HttpStatus.INTERNAL_SERVER_ERROR);

  private final String slug;
  private final String title;
  private final HttpStatus status;

  Problems(String slug, String title, HttpStatus status) {
    this.slug = slug;
    this.title = title;
    this.status = status;
  }

  @Override
  public String slug() {
    return slug;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public HttpStatus status() {
    return status;
  }
}
