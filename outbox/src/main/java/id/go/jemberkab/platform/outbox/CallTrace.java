package id.go.jemberkab.platform.outbox;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The W3C {@code traceparent} and the {@code X-Request-Id} of the call being served, as the gateway passed them on;
 * each null when absent or malformed, and both null outside a request (what a service does on its own schedule).
 * They go into the headers of the events the call causes ({@code CloudEventHeaders.writeTrace}).
 */
public record CallTrace(String traceparent, String requestId) {

  static final CallTrace NONE = new CallTrace(null, null);
  private static final Pattern TRACEPARENT = Pattern.compile("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
  private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

  /** The trace of the request this thread serves. */
  public static CallTrace current() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      String traceparent = request.getHeader("traceparent");
      String requestId = request.getHeader("X-Request-Id");
      return new CallTrace(traceparent != null && TRACEPARENT.matcher(traceparent).matches() ? traceparent : null,
          requestId != null && REQUEST_ID.matcher(requestId).matches() ? requestId : null);
    }
    return NONE;
  }
}
