package id.go.jemberkab.platform.gateway.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token buckets in memory, one per client (its quota per minute) and one per source address for anonymous
 * calls: a bucket holds a minute's quota and refills continuously. The map is bounded: when it is full, buckets
 * idle for a minute are dropped (at most once a second), and if it is still full, addresses new to it share one of
 * {@value #OVERFLOW_BUCKETS} buckets by a hash of the address, so a flood from many addresses neither grows the map
 * nor makes every call walk it, nor leaves every new visitor behind one exhausted bucket. Per gateway replica: with n replicas behind a
 * balancer a client gets about n times its quota, which the operators' guide says when sizing quotas.
 */
public final class RateLimiter {

  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
  static final int MAX_BUCKETS = 100_000;
  private static final long SWEEP_EVERY = TimeUnit.SECONDS.toNanos(1);
  /** How many buckets new source addresses share, by a hash of the address, while the map is full (per kind). */
  static final int OVERFLOW_BUCKETS = 256;
  private static final String REFUSED = "refused:";

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final java.util.concurrent.atomic.AtomicLong lastSweep;

  public RateLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.lastSweep = new java.util.concurrent.atomic.AtomicLong(nanoTime.getAsLong() - SWEEP_EVERY);
  }

  /** Takes one token from the registered client's bucket of {@code perMinute}. */
  public Decision takeForClient(String clientId, int perMinute) {
    return take("client:", clientId, perMinute, false);
  }

  /**
   * Takes one token from the bucket of the source address of a call without credentials. While the map is full of
   * buckets used within the last minute (a flood from many addresses), addresses without a bucket share one
   * instead of each getting their own.
   */
  public Decision takeForAddress(String address, int perMinute) {
    return take("address:", address, perMinute, true);
  }

  private Decision take(String kind, String id, int perMinute, boolean mayShare) {
    if (perMinute <= 0) {
      return new Decision(false, 0, 0, 60, 60);
    }
    String key = kind + id;
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.get(key);
    if (bucket == null && buckets.size() >= MAX_BUCKETS) {
      // a sweep walks the whole map: once a second at most, not on every call of a flood
      long last = lastSweep.get();
      if (now - last >= SWEEP_EVERY && lastSweep.compareAndSet(last, now)) {
        buckets.values().removeIf(b -> b.idleSince(now) > MINUTE);
      }
      if (mayShare && buckets.size() >= MAX_BUCKETS) {
        key = overflow(kind, id);
        bucket = buckets.get(key);
      }
    }
    return (bucket != null ? bucket : buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now)))
        .take(perMinute, now);
  }

  /**
   * Counts a call from this address that the gateway refused (bad credentials, no such operation, a scope missing):
   * those are charged to no client, yet each costs a key or signature check and an audit record.
   */
  public void takeRefusal(String address, int perMinute) {
    take(REFUSED, address, perMinute, true);
  }

  /**
   * Where this address's refusals stand when it has used them up (its next calls are held back before any check);
   * null otherwise. While the map is full, an address without a bucket of its own is judged by its shared one.
   */
  public Decision refusals(String address, int perMinute) {
    Bucket bucket = buckets.get(REFUSED + address);
    if (bucket == null && buckets.size() >= MAX_BUCKETS) {
      bucket = buckets.get(overflow(REFUSED, address));
    }
    return bucket == null ? null : bucket.peek(perMinute, nanoTime.getAsLong());
  }

  /** One of the buckets a kind's newcomers share while the map is full, by a hash of the id. */
  private static String overflow(String kind, String id) {
    // String.hashCode of addresses that differ in their last digits differs in a few low bits: mixed first
    int mixed = id.hashCode() * 0x9E3779B9;
    return kind + "overflow:" + ((mixed ^ mixed >>> 16) & (OVERFLOW_BUCKETS - 1));
  }

  /** How many buckets there are now. */
  int size() {
    return buckets.size();
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

    /** Where the bucket stands, taking nothing: null while a token is left. */
    synchronized Decision peek(int capacity, long now) {
      refill(capacity, now);
      return tokens >= 1 ? null : refused(capacity);
    }

    synchronized Decision take(int capacity, long now) {
      refill(capacity, now);
      if (tokens < 1) {
        return refused(capacity);
      }
      long reset = seconds(capacity - (tokens - 1), capacity);
      tokens -= 1;
      return new Decision(true, capacity, (int) tokens, reset, 0);
    }

    private void refill(int capacity, long now) {
      tokens = Math.min(capacity, tokens + (now - updated) * (double) capacity / MINUTE);
      updated = now;
    }

    private Decision refused(int capacity) {
      return new Decision(false, capacity, 0, seconds(capacity, capacity), Math.max(1, seconds(1 - tokens, capacity)));
    }

    /** How long {@code missing} tokens take to come back at {@code capacity} a minute, in whole seconds. */
    private static long seconds(double missing, int capacity) {
      return (long) Math.ceil(missing * MINUTE / capacity / 1e9);
    }
  }
}
