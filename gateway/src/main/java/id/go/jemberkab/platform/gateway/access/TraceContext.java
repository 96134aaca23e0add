package id.go.jemberkab.platform.gateway.access;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C trace context at the gateway: a valid inbound {@code traceparent} keeps its trace id and gets the
 * gateway's own span as parent for the next hop; a missing or malformed one starts a new trace. The request
 * id is the caller's {@code X-Request-Id} when it is sane ({@link #acceptable}), else a new UUID.
 */
public record TraceContext(String traceId, String traceparent, String requestId) {

  private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
  private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
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
   * A caller's request id the gateway passes on and writes into the audit record and the events: 1-64 of
   * {@code A-Z a-z 0-9 . _ -}, none of whose parts (between {@code . _ -}) holds a run of ten digits or more
   * unless the part is a hex number with a letter in it ({@code 8123456789ab}), and any UUID. A NIK (16 digits) or
   * a phone number put there by a department system would otherwise reach Kafka (UU PDP); an id with one is
   * replaced by the gateway's. A timestamp of ten digits or more is replaced too.
   */
  static boolean acceptable(String requestId) {
    if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
      return false;
    }
    if (UUID_TEXT.matcher(requestId).matches()) {
      return true;
    }
    int start = 0;
    for (int i = 0; i <= requestId.length(); i++) {
      if (i == requestId.length() || ".-_".indexOf(requestId.charAt(i)) >= 0) {
        if (!acceptablePart(requestId, start, i)) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  private static boolean acceptablePart(String id, int from, int to) {
    int digits = 0;
    boolean longRun = false;
    boolean hex = true;
    boolean letter = false;
    for (int i = from; i < to; i++) {
      char c = id.charAt(i);
      digits = Character.isDigit(c) ? digits + 1 : 0;
      longRun |= digits >= 10;
      boolean hexLetter = c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
      hex &= Character.isDigit(c) || hexLetter;
      letter |= hexLetter;
    }
    return !longRun || hex && letter;
  }

  private static final Pattern UUID_TEXT =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

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
