package id.go.jemberkab.platform.content.channel;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code platform.content.channels.*}: each social channel's mode and API settings, and the guards of its calls. */
// a misspelt key fails the start instead of leaving a channel on its default
@ConfigurationProperties(prefix = "platform.content.channels", ignoreUnknownFields = false)
record ChannelProperties(@DefaultValue Resilience resilience, @DefaultValue Facebook facebook,
    @DefaultValue Instagram instagram, @DefaultValue YouTube youtube) {

  static final String SANDBOX = "sandbox";

  /** The value of a setting a real channel cannot do without; names the key, never the value. */
  static String required(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(key + " is required outside the sandbox mode");
    }
    return value;
  }

  /** The Facebook Page: {@code sandbox} or {@code graph}. */
  record Facebook(@DefaultValue(SANDBOX) String mode, @DefaultValue("https://graph.facebook.com") URI baseUrl,
      @DefaultValue("v23.0") String apiVersion, String pageId, String accessToken,
      @DefaultValue("33518") long sandboxFollowers) {

    @Override
    public String toString() {
      return "Facebook[mode=" + mode + ", pageId=" + pageId + "]";
    }
  }

  /** The Instagram professional account: {@code sandbox} or {@code graph}. */
  record Instagram(@DefaultValue(SANDBOX) String mode, @DefaultValue("https://graph.facebook.com") URI baseUrl,
      @DefaultValue("v23.0") String apiVersion, String igUserId, String accessToken,
      @DefaultValue("1448") long sandboxFollowers) {

    @Override
    public String toString() {
      return "Instagram[mode=" + mode + ", igUserId=" + igUserId + "]";
    }
  }

  /**
   * The YouTube channel: {@code sandbox} or {@code data-api}. Authorised by an OAuth client and a refresh token
   * ({@code client-id}, {@code client-secret}, {@code refresh-token}: access tokens fetched from {@code token-url}
   * as they expire), or by an {@code access-token} used as it is.
   */
  record YouTube(@DefaultValue(SANDBOX) String mode, @DefaultValue("https://www.googleapis.com") URI baseUrl,
      String channelId, String accessToken, @DefaultValue("0") long sandboxFollowers, String clientId,
      String clientSecret, String refreshToken, @DefaultValue("https://oauth2.googleapis.com/token") URI tokenUrl) {

    @Override
    public String toString() {
      return "YouTube[mode=" + mode + ", channelId=" + channelId + "]";
    }
  }

  /** The guards around every real channel call; each channel gets its own instances of them. */
  record Resilience(@DefaultValue("3s") Duration connectTimeout, @DefaultValue("10s") Duration timeLimit,
      @DefaultValue Retry retry, @DefaultValue CircuitBreaker circuitBreaker, @DefaultValue RateLimiter rateLimiter) {

    /** Backoff {@code initial-wait × multiplier^(n-1)}; a Retry-After replaces it up to {@code max-retry-after}. */
    record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("500ms") Duration initialWait,
        @DefaultValue("2") double multiplier, @DefaultValue("30s") Duration maxRetryAfter) {
    }

    /** Count-based: opens when {@code failure-rate}% of the last {@code window} calls failed. */
    record CircuitBreaker(@DefaultValue("10") int window, @DefaultValue("5") int minimumCalls,
        @DefaultValue("50") float failureRate, @DefaultValue("60s") Duration waitInOpen,
        @DefaultValue("2") int halfOpenCalls) {
    }

    /** Calls per second to one channel; a call waits at most {@code max-wait} for its turn. */
    record RateLimiter(@DefaultValue("5") int callsPerSecond, @DefaultValue("2s") Duration maxWait) {
    }
  }
}
