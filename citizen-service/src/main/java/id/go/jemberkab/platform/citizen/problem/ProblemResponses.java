package id.go.jemberkab.platform.citizen.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure into an {@code application/problem+json} body with a stable {@code type}. */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  /** Answers {@code type} with an optional detail and field errors. */
  public static ResponseEntity<ProblemDetail> problem(ProblemType type, String detail, URI instance,
      List<FieldError> errors) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(type.status(), detail);
    body.setType(type.type());
    body.setTitle(type.title());
    body.setInstance(instance);
    if (errors != null && !errors.isEmpty()) {
      body.setProperty("errors", errors);
    }
    return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
    return problem(ProblemType.VALIDATION_FAILED, "Correct the fields listed in 'errors' and send again.",
        URI.create(request.getRequestURI()), e.errors());
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
    return problem(ProblemType.NOT_FOUND, e.getMessage(), URI.create(request.getRequestURI()), null);
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
    return problem(e.type(), e.getMessage(), URI.create(request.getRequestURI()), null);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    // The exception message may quote stored data; log the type and where, keep details off the wire.
    log.error("unhandled {} on {} {}", e.getClass().getName(), request.getMethod(), request.getRequestURI(), e);
    return problem(ProblemType.INTERNAL, "The error was logged; retrying may help.",
        URI.create(request.getRequestURI()), null);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // Parser messages quote the offending input, which may be personal data: say where, not what.
    return body(ProblemType.MALFORMED_REQUEST,
        "Send a JSON object with the documented fields; every field is a JSON string.", request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return body(ProblemType.METHOD_NOT_ALLOWED, ex.getMessage(), request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return body(ProblemType.UNSUPPORTED_MEDIA_TYPE, ex.getMessage(), request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    return body(ProblemType.NOT_FOUND, "No resource at this path.", request);
  }

  private static ResponseEntity<Object> body(ProblemType type, String detail, WebRequest request) {
    String path = request.getDescription(false).replaceFirst("^uri=", "");
    ResponseEntity<ProblemDetail> response = problem(type, detail, URI.create(path), null);
    return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(response.getBody());
  }
}
