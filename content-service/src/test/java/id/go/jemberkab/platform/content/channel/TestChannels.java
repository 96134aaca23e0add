package id.go.jemberkab.platform.content.channel;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Guards with small durations, so a class of resilience tests runs in seconds, and a sample edition. */
final class TestChannels {

  static final Duration TIME_LIMIT = Duration.ofSeconds(1);
  static final Duration WAIT_IN_OPEN = Duration.ofMillis(500);
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(2);

  private TestChannels() {
  }

  /** 3 attempts 20 ms apart and doubling; the breaker opens at half of the last 4 calls failed. */
  static ChannelProperties.Resilience quickGuards() {
    return new ChannelProperties.Resilience(Duration.ofMillis(500), TIME_LIMIT,
        new ChannelProperties.Resilience.Retry(3, Duration.ofMillis(20), 2, MAX_RETRY_AFTER),
        new ChannelProperties.Resilience.CircuitBreaker(4, 4, 50, WAIT_IN_OPEN, 1),
        new ChannelProperties.Resilience.RateLimiter(100, Duration.ofMillis(500)));
  }

  static ChannelProperties.Facebook facebook(String baseUrl) {
    return new ChannelProperties.Facebook("graph", URI.create(baseUrl), "v23.0", "104729", "fb-page-token", 0);
  }

  static Post post(List<Post.Media> media) {
    return new Post("0f8b7c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f", 2, "vaksinasi-gratis-kecamatan-patrang",
        "Vaksinasi gratis di Kecamatan Patrang", "Dinas Kesehatan membuka layanan vaksinasi gratis pekan ini.",
        URI.create("https://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang"),
        List.of("kesehatan", "Patrang Sehat"), media, null);
  }

  /** The sample edition, as a delivery tried before sends it again: from when its channel may have the post. */
  static Post retried(List<Post.Media> media, java.time.Instant triedSince) {
    Post post = post(media);
    return new Post(post.contentId(), post.edition(), post.slug(), post.title(), post.summary(), post.url(),
        post.tags(), post.media(), triedSince);
  }
}
