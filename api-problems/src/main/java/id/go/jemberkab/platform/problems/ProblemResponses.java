package id.go.jemberkab.platform.problems;

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
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every failure into an {@code application/problem+json} body with a stable {@code type}. */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  /** Answers {@code type} with a detail and, when there are any, field errors. */
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

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> problem(ProblemException e, HttpServletRequest request) {
    List<FieldError> errors = e instanceof InvalidRequestException invalid ? invalid.errors() : null;
    ResponseEntity<ProblemDetail> response = problem(e.type(), e.getMessage(), instance(request), errors);
    e.properties().forEach(response.getBody()::setProperty);
    return response;
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return problem(Problems.VALIDATION_FAILED, "Correct the fields listed in 'errors' and send again.",
        instance(request), List.of(new FieldError(e.getName(), "type-mismatch", e.getName() + " has the wrong type")));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    if (unreadableParameters(e)) {
      return problem(Problems.MALFORMED_REQUEST, "A query or form parameter is not valid percent-encoded UTF-8: "
          + "encode it (%XX for each byte) and send again.", instance(request), null);
    }
    if (storeAway(e)) {
      // the database did not answer (down, failing over, out of connections): the caller's request was sound
      log.warn("database unavailable on {} {}: {}", request.getMethod(), where(request), e.getClass().getName());
      ResponseEntity<ProblemDetail> unavailable = problem(Problems.SERVICE_UNAVAILABLE,
          "The service's database did not answer; retry later.", instance(request), null);
      return ResponseEntity.status(unavailable.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "10")
          .headers(unavailable.getHeaders()).body(unavailable.getBody());
    }
    // The exception's message may quote stored data (a duplicate key error quotes the key): the log gets where it
    // happened, the classes and their stack traces; nothing of it goes on the wire.
    log.error("unhandled {} on {} {}", e.getClass().getName(), request.getMethod(), where(request),
        withoutMessages(e));
    return problem(Problems.INTERNAL, "The error was logged; retrying may help.", instance(request), null);
  }

  /**
   * Where an error happened, for the log: the handler's path pattern ({@code /api/v1/citizens/{id}}), never the raw
   * path, which holds the ids a caller typed (a NIK sent where the citizen's id belongs).
   */
  static String where(HttpServletRequest request) {
    return request.getAttribute(org.springframework.web.servlet.HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
        instanceof String pattern ? pattern : "(a path no handler takes)";
  }

  /** The failures by which Spring Data and the MongoDB driver say the database did not answer (and subclasses). */
  private static final java.util.Set<String> DATABASE_AWAY = java.util.Set.of(
      "org.springframework.dao.DataAccessResourceFailureException",
      "org.springframework.dao.TransientDataAccessException", "com.mongodb.MongoSocketException",
      "com.mongodb.MongoTimeoutException", "com.mongodb.MongoNotPrimaryException",
      "com.mongodb.MongoNodeIsRecoveringException", "com.mongodb.MongoWriteConcernException");

  /**
   * Whether the database did not answer (down, failing over, a majority write not confirmed in time), anywhere in
   * the chain: named rather than imported, since this library does not bring Spring Data or a driver. A service's
   * background work asks the same, to pause rather than fail.
   */
  public static boolean storeAway(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
        if (DATABASE_AWAY.contains(type.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether Tomcat could not decode the request's parameters ({@code ?q=%ff}, {@code a=%zz}): the caller's mistake,
   * found when a handler first asks for one. Named, not imported: this library does not tie a service to Tomcat.
   */
  static boolean unreadableParameters(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The same chain of exceptions, each as its class name and stack trace only: its message, and its causes', may
   * quote personal data (UU PDP: none in logs).
   */
  public static Throwable withoutMessages(Throwable e) {
    return withoutMessages(e, 0);
  }

  private static Throwable withoutMessages(Throwable e, int depth) {
    Throwable cause = e.getCause() != null && e.getCause() != e && depth < 16
        ? withoutMessages(e.getCause(), depth + 1) : null;
    Throwable copy = new Withheld(e.getClass().getName() + " (message withheld: it may quote stored data)", cause);
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /** An exception as the log may show it. */
  static final class Withheld extends Throwable {
    Withheld(String what, Throwable cause) {
      super(what, cause, false, true);
    }
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // Parser messages quote the offending input, which may be personal data: name the field, not the value.
    Throwable cause = ex.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return body(Problems.VALIDATION_FAILED, "Correct the fields listed in 'errors' and send again.", request,
          List.of(new FieldError(path(unknown), "unknown-field", "unknown field; remove it")));
    }
    // a wrong JSON type, or a number past the field's range (2147483648 for an int): either is the field's
    if (cause instanceof JacksonException failed && !failed.getPath().isEmpty()) {
      return body(Problems.VALIDATION_FAILED, "Correct the fields listed in 'errors' and send again.", request,
          List.of(new FieldError(path(failed), "type-mismatch",
              "is missing, has the wrong JSON type or format, or is out of range")));
    }
    return body(Problems.MALFORMED_REQUEST, "Send a JSON object with the documented fields.", request, null);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return body(Problems.VALIDATION_FAILED, "Correct the fields listed in 'errors' and send again.", request,
        List.of(new FieldError(ex.getParameterName(), "required", ex.getParameterName() + " is required")));
  }

  @Override
  protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // with the Allow header Spring filled in (RFC 9110 asks for it on a 405)
    String allowed = ex.getSupportedHttpMethods() == null ? "" : " Allowed: " + String.join(", ",
        ex.getSupportedHttpMethods().stream().map(Object::toString).toList()) + ".";
    return body(Problems.METHOD_NOT_ALLOWED, "This resource does not take this method." + allowed, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // not the message: it quotes the Content-Type sent
    return body(Problems.UNSUPPORTED_MEDIA_TYPE, "Send the body as " + types(ex.getSupportedMediaTypes()) + ".",
        headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return body(Problems.NOT_ACCEPTABLE, "This resource answers in " + types(ex.getSupportedMediaTypes()) + ".",
        headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    return body(Problems.NOT_FOUND, "No resource at this path.", request, null);
  }

  /** The JSON path of the failing value, {@code attributes.depth} or {@code items[2].code}. */
  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String types(List<MediaType> types) {
    return types == null || types.isEmpty() ? "another media type"
        : String.join(" or ", types.stream().map(MediaType::toString).distinct().toList());
  }

  private static URI instance(HttpServletRequest request) {
    return URI.create(request.getRequestURI());
  }

  /** As {@link #body(ProblemType, String, WebRequest, List)}, keeping the headers Spring set (Allow, Accept). */
  private static ResponseEntity<Object> body(ProblemType type, String detail, HttpHeaders headers,
      WebRequest request) {
    ResponseEntity<Object> response = body(type, detail, request, null);
    HttpHeaders merged = new HttpHeaders();
    merged.putAll(headers);
    merged.putAll(response.getHeaders());
    return ResponseEntity.status(response.getStatusCode()).headers(merged).body(response.getBody());
  }

  private static ResponseEntity<Object> body(ProblemType type, String detail, WebRequest request,
      List<FieldError> errors) {
    String path = request.getDescription(false).replaceFirst("^uri=", "");
    ResponseEntity<ProblemDetail> response = problem(type, detail, URI.create(path), errors);
    return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(response.getBody());
  }
}
