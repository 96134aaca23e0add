package id.go.jemberkab.platform.content.channel;

import java.time.Duration;
import java.util.Set;

/**
 * A failed delivery: reason is one of unavailable, timeout, rate-limited, circuit-open, rejected; retryable false
 * for rejected; retryAfter nullable (from a 429/503 Retry-After, or the circuit's remaining wait).
 */
public class DeliveryFailure extends RuntimeException {

  /** The channel failed: a 5xx, a refused or broken connection. */
  public static final String UNAVAILABLE = "unavailable";
  /** The channel did not answer within the time limit. */
  public static final String TIMEOUT = "timeout";
  /** The channel (429) or our own rate limiter asked us to slow down. */
  public static final String RATE_LIMITED = "rate-limited";
  /** The channel failed too often lately; no call was made. */
  public static final String CIRCUIT_OPEN = "circuit-open";
  /** The channel refused this post (4xx), or the post lacks what the channel needs: sending it again won't help. */
  public static final String REJECTED = "rejected";

  private static final Set<String> REASONS = Set.of(UNAVAILABLE, TIMEOUT, RATE_LIMITED, CIRCUIT_OPEN, REJECTED);

  private final String reason;
  private final Duration retryAfter;

  public DeliveryFailure(String reason, String message, Duration retryAfter) {
    this(reason, message, retryAfter, null);
  }

  public DeliveryFailure(String reason, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    if (!REASONS.contains(reason)) {
      throw new IllegalArgumentException("unknown delivery failure reason: " + reason);
    }
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public String reason() {
    return reason;
  }

  public boolean retryable() {
    return !REJECTED.equals(reason);
  }

  /** How long the channel asked us to wait before the next try; null when it did not say. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
