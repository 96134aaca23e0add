package id.go.jemberkab.platform.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiter's memory stays bounded when calls come from more addresses than it keeps buckets for. */
class RateLimiterTest {

  private final AtomicLong now = new AtomicLong();
  private final RateLimiter limiter = new RateLimiter(now::get);

  @Test
  void aFloodFromNewAddressesSharesAFewBucketsAndIdleBucketsMakeRoomAgain() {
    for (int i = 0; i < RateLimiter.MAX_BUCKETS; i++) {
      assertThat(limiter.takeForAddress("10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255), 3).allowed())
          .isTrue();
    }
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));

    // the map is full of buckets used within the minute: a newcomer shares one of a few buckets, of the same size
    assertThat(limiter.takeForAddress("203.0.113.1", 3).remaining()).isEqualTo(2);
    assertThat(limiter.takeForAddress("203.0.113.1", 3).remaining()).isEqualTo(1);
    assertThat(limiter.takeForAddress("203.0.113.1", 3).remaining()).isZero();
    assertThat(limiter.takeForAddress("203.0.113.1", 3).allowed()).isFalse();
    // one newcomer's spent bucket does not stop the others: most of them land in other buckets
    int allowed = 0;
    for (int i = 2; i < 202; i++) {
      allowed += limiter.takeForAddress("198.51.100." + i % 250 + "." + i, 3).allowed() ? 1 : 0;
    }
    assertThat(allowed).isGreaterThan(190);
    assertThat(limiter.size()).isBetween(RateLimiter.MAX_BUCKETS + 1, RateLimiter.MAX_BUCKETS
        + RateLimiter.OVERFLOW_BUCKETS);
    // an address that has a bucket keeps it, and a registered client always gets its own
    assertThat(limiter.takeForAddress("10.0.0.0", 3).remaining()).isEqualTo(1);
    assertThat(limiter.takeForClient("dukcapil", 600).remaining()).isEqualTo(599);

    // a minute later the idle buckets are gone, and a new address has a bucket of its own again
    now.addAndGet(TimeUnit.SECONDS.toNanos(61));
    assertThat(limiter.takeForAddress("203.0.113.5", 3).remaining()).isEqualTo(2);
    assertThat(limiter.size()).isLessThan(10);
  }
}
