package id.go.jemberkab.platform.problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 with a problem body when a request body exceeds the limit: at once when Content-Length says
 * so, and while reading when a chunked body grows past it. Paths listed as exempt (bulk imports) enforce
 * their own, larger limits.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;
  private final List<String> exemptPrefixes;

  public BodySizeLimitFilter(long maxBytes, List<String> exemptPrefixes) {
    this.maxBytes = maxBytes;
    this.exemptPrefixes = List.copyOf(exemptPrefixes);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return exemptPrefixes.stream().anyMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      reject(request, response);
      return;
    }
    try {
      chain.doFilter(new LimitedRequest(request, maxBytes), response);
    } catch (BodyTooLargeException | ServletException e) {
      if (e instanceof BodyTooLargeException || hasCause(e, BodyTooLargeException.class)) {
        if (!response.isCommitted()) {
          response.reset();
          reject(request, response);
        }
        return;
      }
      throw e;
    }
  }

  private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(Problems.PAYLOAD_TOO_LARGE.status().value());
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    String body = "{\"type\":\"" + Problems.PAYLOAD_TOO_LARGE.type() + "\",\"title\":\""
        + Problems.PAYLOAD_TOO_LARGE.title() + "\",\"status\":413,\"detail\":\"Bodies are limited to " + maxBytes
        + " bytes.\",\"instance\":\"" + request.getRequestURI().replace("\"", "") + "\"}";
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Thrown by the wrapped stream once more than the limit was read. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super("request body exceeds the limit");
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long maxBytes;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
              throw new BodyTooLargeException();
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
