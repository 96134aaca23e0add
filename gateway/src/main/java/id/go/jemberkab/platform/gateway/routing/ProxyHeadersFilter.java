package id.go.jemberkab.platform.gateway.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers that stop at the gateway, removed in one pass over a message's headers:
 * <ul>
 *   <li>both ways, the hop-by-hop headers (RFC 9110 §7.6.1) and any header the {@code Connection} header names;</li>
 *   <li>on the way in, {@code Forwarded} and every {@code X-Forwarded-*}: the gateway trusts no proxy in front of
 *       it, so a caller cannot make a service believe it came from elsewhere;</li>
 *   <li>on the way in, a {@code Content-Length} sent next to chunked transfer coding, which two parsers could read
 *       as two different bodies (request smuggling); the body goes on chunked.</li>
 * </ul>
 * This takes the place of Spring Cloud Gateway's five default header filters, which each copied every call's
 * headers (a tenth of the gateway's CPU per call); here the headers are changed where they are. The access filter
 * applies the inbound rules to the request's headers ({@link #stripInboundInPlace}, or {@link #stripInbound} on a
 * copy); the routing filter applies the outbound ones to the headers it builds for each response.
 *
 * <p>The names are read from the headers' own map, never through {@code HttpHeaders.forEach}: since Spring 7 that
 * copies every name into a new case-insensitive set on each call, and two such passes per call took about 4 % of
 * the gateway's CPU samples.
 */
public final class ProxyHeadersFilter implements HttpHeadersFilter {

  static final Set<String> HOP_BY_HOP = caseInsensitive("Connection", "Keep-Alive", "Transfer-Encoding", "TE",
      "Trailer", "Proxy-Authorization", "Proxy-Authenticate", "Proxy-Connection", "Upgrade", "X-Application-Context");
  static final Set<String> FORWARDED = caseInsensitive("Forwarded");
  private static final String X_FORWARDED = "X-Forwarded-";

  private static final ProxyHeadersFilter OUTBOUND = new ProxyHeadersFilter();

  private ProxyHeadersFilter() {
  }

  /** For responses on their way back to the caller. */
  public static ProxyHeadersFilter outbound() {
    return OUTBOUND;
  }

  @Override
  public boolean supports(Type type) {
    return type == Type.RESPONSE;
  }

  /**
   * Removes the hop-by-hop headers from a service's answer in place: the routing filter builds each answer's
   * headers afresh for its filters. Headers that cannot be changed are copied without them.
   */
  @Override
  public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
    List<String> removed = stopping(input.asMultiValueMap().keySet(), input::get, false);
    if (removed.isEmpty()) {
      return input;
    }
    try {
      removed.forEach(input::remove);
      return input;
    } catch (UnsupportedOperationException readOnly) {
      HttpHeaders output = new HttpHeaders();
      Set<String> drop = caseInsensitive(removed.toArray(String[]::new));
      input.asMultiValueMap().forEach((name, values) -> {
        if (!drop.contains(name)) {
          output.put(name, values);
        }
      });
      return output;
    }
  }

  /**
   * Removes, in place, what stops at the gateway from a request's own (mutable) headers: for the access filter,
   * which copies every request's headers anyway to put the verified identity in.
   */
  public static void stripInbound(HttpHeaders headers) {
    stopping(headers.asMultiValueMap().keySet(), headers::get, true).forEach(headers::remove);
  }

  /**
   * Removes what stops at the gateway from a request's headers as the server holds them, when that is no more than
   * {@code Forwarded} and {@code X-Forwarded-*} (an ingress adds those to every call; the server does not read them):
   * true then. False, with nothing removed, when a hop-by-hop header is there: the server reads those itself
   * ({@code Transfer-Encoding} for the body, {@code Connection} for keep-alive), so they go from a copy instead.
   */
  public static boolean stripInboundInPlace(io.netty.handler.codec.http.HttpHeaders serversOwn) {
    List<String> removed = stopping(() -> names(serversOwn), name -> {
      List<String> values = serversOwn.getAll(name);
      return values.isEmpty() ? null : values;
    }, true);
    for (String name : removed) {
      if (!forwarded(name)) {
        return false;
      }
    }
    removed.forEach(serversOwn::remove);
    return true;
  }

  /** The name of each of Netty's header lines (a name sent twice comes twice), without collecting them first. */
  private static java.util.Iterator<String> names(io.netty.handler.codec.http.HttpHeaders headers) {
    java.util.Iterator<java.util.Map.Entry<CharSequence, CharSequence>> lines = headers.iteratorCharSequence();
    return new java.util.Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public String next() {
        return lines.next().getKey().toString();
      }
    };
  }

  private static boolean forwarded(String name) {
    return FORWARDED.contains(name) || name.regionMatches(true, 0, X_FORWARDED, 0, X_FORWARDED.length());
  }

  /**
   * Which of {@code names} stop at the gateway, in one pass; {@code values} gives a header's values, null when it is
   * not there.
   */
  private static List<String> stopping(Iterable<String> names, Function<String, List<String>> values,
      boolean inbound) {
    Set<String> named = connectionOptions(values.apply(HttpHeaders.CONNECTION));
    boolean smuggled = inbound && values.apply(HttpHeaders.CONTENT_LENGTH) != null
        && chunked(values.apply(HttpHeaders.TRANSFER_ENCODING));
    List<String> removed = new ArrayList<>(2);
    for (String name : names) {
      if ((HOP_BY_HOP.contains(name) || named.contains(name) || inbound && (forwarded(name)
          || smuggled && HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name))) && !removed.contains(name)) {
        removed.add(name);
      }
    }
    return removed;
  }

  /** The header names a {@code Connection} header lists besides its own keywords ({@code close, keep-alive}). */
  private static Set<String> connectionOptions(List<String> connection) {
    if (connection == null || connection.isEmpty()) {
      return Set.of();
    }
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String value : connection) {
      for (String token : value.split(",")) {
        String name = token.trim();
        if (!name.isEmpty() && !name.equalsIgnoreCase("close") && !name.equalsIgnoreCase("keep-alive")) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static boolean chunked(List<String> transferEncoding) {
    if (transferEncoding == null) {
      return false;
    }
    for (String value : transferEncoding) {
      for (String coding : value.split(",")) {
        if (coding.trim().equalsIgnoreCase("chunked")) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<String> caseInsensitive(String... names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Collections.addAll(set, names);
    return Collections.unmodifiableSet(set);
  }
}
