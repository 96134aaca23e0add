package id.go.jemberkab.platform.problems;

import org.springframework.http.HttpStatus;

/** The problem types every service shares. */
public final class Problems {

  public static final ProblemType VALIDATION_FAILED =
      new ProblemType("validation-failed", "The request has invalid fields", HttpStatus.BAD_REQUEST);
  public static final ProblemType MALFORMED_REQUEST = new ProblemType("malformed-request",
      "The request body is not readable JSON of the expected shape", HttpStatus.BAD_REQUEST);
  public static final ProblemType NOT_FOUND = new ProblemType("not-found", "No such resource", HttpStatus.NOT_FOUND);
  public static final ProblemType METHOD_NOT_ALLOWED =
      new ProblemType("method-not-allowed", "Method not allowed on this resource", HttpStatus.METHOD_NOT_ALLOWED);
  public static final ProblemType NOT_ACCEPTABLE =
      new ProblemType("not-acceptable", "No representation in the requested media type", HttpStatus.NOT_ACCEPTABLE);
  public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
      new ProblemType("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  public static final ProblemType PRECONDITION_REQUIRED = new ProblemType("precondition-required",
      "Send If-Match with the ETag you read", HttpStatus.PRECONDITION_REQUIRED);
  public static final ProblemType PRECONDITION_FAILED = new ProblemType("precondition-failed",
      "The resource changed since you read it", HttpStatus.PRECONDITION_FAILED);
  public static final ProblemType PAYLOAD_TOO_LARGE =
      new ProblemType("payload-too-large", "The request body is too large", HttpStatus.CONTENT_TOO_LARGE);
  public static final ProblemType CONFLICT =
      new ProblemType("conflict", "The request conflicts with the resource's state", HttpStatus.CONFLICT);
  public static final ProblemType SERVICE_UNAVAILABLE = new ProblemType("service-unavailable", "Service unavailable",
      HttpStatus.SERVICE_UNAVAILABLE);
  public static final ProblemType INTERNAL = new ProblemType("internal-error",
      "The service failed to handle the request", HttpStatus.INTERNAL_SERVER_ERROR);

  private Problems() {
  }
}
