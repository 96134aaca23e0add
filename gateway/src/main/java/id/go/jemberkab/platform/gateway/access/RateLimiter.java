package id.go.jemberkab.platform.gateway.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token buckets in memory, one per client (its quota per minute) and one per source address for anonymous
 * calls: a bucket holds a minute's quota and refills continuously. Idle buckets are dropped so that a scan
 * from many addresses cannot grow the map without bound. Per gateway replica: with n replicas behind a
 * balancer a client gets about n times its quota, which the operators' guide says when sizing quotas.
 */
public final class RateLimiter {

  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_BUCKETS = 100_000;

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  public RateLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Takes one token from {@code key}'s bucket of {@code perMinute}. */
  public Decision take(String key, int perMinute) {
    if (perMinute <= 0) {
      return new Decision(false, 0, 0, 60, 60);
    }
    long now = nanoTime.getAsLong();
    if (buckets.size() > MAX_BUCKETS) {
      buckets.values().removeIf(b -> b.idleSince(now) > MINUTE);
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now)).take(perMinute, now);
  }

  /**
   * @param remaining tokens left after this call
   * @param resetSeconds seconds until the bucket is full again
   * @param retryAfterSeconds when refused: seconds until one token is back
   */
  public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
  }

  private static final class Bucket {
    private double tokens;
    private long updated;

    Bucket(int capacity, long now) {
      this.tokens = capacity;
      this.updated = now;
    }

    synchronized long idleSince(long now) {
      return now - updated;
    }

    synchronized Decision take(int capacity, long now) {
      double perNano = (double) capacity / MINUTE;
      tokens = Math.min(capacity, tokens + (now - updated) * perNano);
      updated = now;
      long reset = (long) Math.ceil((capacity - Math.max(0, tokens - 1)) / perNano / 1e9);
      if (tokens >= 1) {
        tokens -= 1;
        return new Decision(true, capacity, (int) tokens, reset, 0);
      }
      long retry = Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
      return new Decision(false, capacity, 0, reset, retry);
    }
  }
}
