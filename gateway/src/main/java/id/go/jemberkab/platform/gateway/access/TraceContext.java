package id.go.jemberkab.platform.gateway.access;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C trace context at the gateway: a valid inbound {@code traceparent} keeps its trace id and gets the
 * gateway's own span as parent for the next hop; a missing or malformed one starts a new trace. The request
 * id is the caller's {@code X-Request-Id} when it is a generated id ({@link #acceptable}), else a new UUID.
 */
public record TraceContext(String traceId, String traceparent, String requestId) {

  private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
  private static final String ZERO_TRACE = "0".repeat(32);

  public static TraceContext of(String inboundTraceparent, String inboundRequestId) {
    String traceId = null;
    String flags = "01";
    if (inboundTraceparent != null) {
      var m = TRACEPARENT.matcher(inboundTraceparent.trim());
      if (m.matches() && !m.group(1).equals(ZERO_TRACE) && !m.group(2).equals("0".repeat(16))) {
        traceId = m.group(1);
        flags = m.group(3);
      }
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (traceId == null) {
      traceId = HexFormat.of().toHexDigits(random.nextLong() | 1) + HexFormat.of().toHexDigits(random.nextLong());
    }
    String spanId = HexFormat.of().toHexDigits(random.nextLong() | 1);
    String requestId = acceptable(inboundRequestId) ? inboundRequestId : fastUuid(random);
    return new TraceContext(traceId, "00-" + traceId + "-" + spanId + "-" + flags, requestId);
  }

  /**
   * A caller's request id the gateway passes on and writes into the audit record and the events: only a generated
   * id, a UUID (versions 1-8) or a ULID without ten digits in a row, or 16 or 32 hex digits with a letter among
   * them and not sixteen digits in a row (a NIK). Anything else is replaced by the gateway's UUID: a department system that builds its ids from its own
   * records ({@code req-3509196612930045}, {@code siti.aminah-0001}, {@code 0812-3456-7890}) would otherwise send
   * a NIK, a name or a phone number on into Kafka (UU PDP), and a list of what such an id must not hold is never
   * complete.
   */
  static boolean acceptable(String requestId) {
    if (requestId == null) {
      return false;
    }
    if (UUID_TEXT.matcher(requestId).matches()) {
      // its version and variant digits leave no group room for a NIK; its last group has room for a phone number
      return !hasDigitRun(requestId, 10);
    }
    if (ULID.matcher(requestId).matches()) {
      return !hasDigitRun(requestId, 10); // a generated one has letters in its time and its randomness
    }
    return HEX_ID.matcher(requestId).matches() && hasHexLetter(requestId) && !hasDigitRun(requestId, 16);
  }

  private static boolean hasHexLetter(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = Character.toLowerCase(id.charAt(i));
      if (c >= 'a' && c <= 'f') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasDigitRun(String id, int length) {
    int run = 0;
    for (int i = 0; i < id.length(); i++) {
      run = Character.isDigit(id.charAt(i)) ? run + 1 : 0;
      if (run >= length) {
        return true;
      }
    }
    return false;
  }

  /** Crockford's base32, 48 bits of time then 80 random, as ULID generators write it. */
  private static final Pattern ULID = Pattern.compile("^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$");
  private static final Pattern HEX_ID = Pattern.compile("^([0-9a-fA-F]{16}|[0-9a-fA-F]{32})$");
  /** Versions 1 to 8, RFC 4122/9562 variant: {@code 35091941-0190-0002-0000-081234567890} is no UUID. */
  private static final Pattern UUID_TEXT = Pattern.compile(
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");

  /**
   * A version-4 UUID from the thread's own generator: request and event ids need to be unique, not secret,
   * and {@link UUID#randomUUID()} would take a lock on the shared SecureRandom for every call.
   */
  public static String fastUuid(ThreadLocalRandom random) {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }
}
