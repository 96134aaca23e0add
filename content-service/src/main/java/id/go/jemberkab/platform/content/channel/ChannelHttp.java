package id.go.jemberkab.platform.content.channel;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the channels' APIs, every call guarded by resilience4j: retry (outermost), circuit breaker, rate limiter,
 * time limit; whatever goes wrong leaves as a {@link DeliveryFailure}.
 */
final class ChannelHttp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChannelHttp.class);

  private final ChannelProperties.Resilience settings;
  private final Clock clock;
  private final CircuitBreakerRegistry circuitBreakers;
  private final RetryRegistry retries;
  private final RateLimiterRegistry rateLimiters;
  private final TimeLimiterRegistry timeLimiters;
  private final HttpClient httpClient;
  // the time limiter needs a future to give up on; daemon threads, so a hung call never holds the JVM open
  private final ExecutorService calls;

  ChannelHttp(ChannelProperties.Resilience settings, MeterRegistry meters, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.circuitBreakers = CircuitBreakerRegistry.of(circuitBreakerConfig(settings.circuitBreaker()));
    this.retries = RetryRegistry.of(retryConfig(settings.retry()));
    this.rateLimiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
        .limitForPeriod(settings.rateLimiter().callsPerSecond()).limitRefreshPeriod(Duration.ofSeconds(1))
        .timeoutDuration(settings.rateLimiter().maxWait()).build());
    this.timeLimiters = TimeLimiterRegistry.of(TimeLimiterConfig.custom().timeoutDuration(settings.timeLimit())
        .cancelRunningFuture(true).build());
    if (meters != null) {
      TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(meters);
      TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
      TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meters);
      TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(timeLimiters).bindTo(meters);
    }
    // HTTP/1.1: a few calls a minute gain nothing from HTTP/2, and against a plain-http base URL (a stub, a
    // proxy) the JDK client's h2c upgrade lost the JSON body of a PUT
    this.httpClient = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    AtomicInteger threads = new AtomicInteger();
    this.calls = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "channel-call-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * The longest one guarded call can take: every try waits its turn at the rate limiter and runs to the time limit,
   * and between tries the longest wait the retry allows (a Retry-After up to max-retry-after, or the backoff).
   */
  static Duration longestCall(ChannelProperties.Resilience settings) {
    ChannelProperties.Resilience.Retry retry = settings.retry();
    int tries = Math.max(1, retry.maxAttempts());
    Duration backoff = Duration.ofMillis((long) (retry.initialWait().toMillis()
        * Math.pow(retry.multiplier(), Math.max(0, tries - 2))));
    Duration between = backoff.compareTo(retry.maxRetryAfter()) > 0 ? backoff : retry.maxRetryAfter();
    return settings.rateLimiter().maxWait().plus(settings.timeLimit()).multipliedBy(tries)
        .plus(between.multipliedBy(tries - 1));
  }

  /** The API of one channel at that base URL, with the channel's own breaker, limiter and retry. */
  Api api(Channel channel, URI baseUrl) {
    return new Api(channel, RestClient.builder().baseUrl(baseUrl.toString()).requestFactory(requests()).build());
  }

  /**
   * A client with the same connection and read timeouts and no guards of its own, for a request made inside a
   * guarded call (a token refresh before the call it is for).
   */
  RestClient plainClient() {
    return RestClient.builder().requestFactory(requests()).build();
  }

  private JdkClientHttpRequestFactory requests() {
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(httpClient);
    // past the time limit the caller has gone; this frees the thread the call was running on
    requests.setReadTimeout(settings.timeLimit().plusSeconds(1));
    return requests;
  }

  CircuitBreakerRegistry circuitBreakers() {
    return circuitBreakers;
  }

  RetryRegistry retries() {
    return retries;
  }

  RateLimiterRegistry rateLimiters() {
    return rateLimiters;
  }

  @Override
  public void close() {
    calls.shutdownNow();
  }

  /** One channel's API: its REST client and the guards every call to it goes through. */
  final class Api {

    private final Channel channel;
    private final RestClient rest;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final RateLimiter rateLimiter;
    private final TimeLimiter timeLimiter;
    private volatile Instant openedAt = Instant.EPOCH;

    private Api(Channel channel, RestClient rest) {
      this.channel = channel;
      this.rest = rest;
      String name = channel.wireName();
      this.circuitBreaker = circuitBreakers.circuitBreaker(name);
      this.retry = retries.retry(name);
      this.rateLimiter = rateLimiters.rateLimiter(name);
      this.timeLimiter = timeLimiters.timeLimiter(name);
      circuitBreaker.getEventPublisher().onStateTransition(event -> {
        if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
          openedAt = clock.instant();
        }
        log.warn("{} circuit breaker: {}", name, event.getStateTransition());
      });
      retry.getEventPublisher().onRetry(event -> log.info("{}; try {} in {} ms", event.getLastThrowable().getMessage(),
          event.getNumberOfRetryAttempts() + 1, event.getWaitInterval().toMillis()));
    }

    RestClient rest() {
      return rest;
    }

    /**
     * A permit of our own rate limit for one more request inside a guarded call (the lookup a retried post makes
     * before posting): each request the channel counts, we count.
     */
    void permitOneMore() {
      RateLimiter.waitForPermission(rateLimiter);
    }

    /** The time on the platform's clock, which the adapters' windows are measured by. */
    Instant now() {
      return clock.instant();
    }

    /** Runs the request with every guard; {@code operation} names it in failure messages. */
    <T> T call(String operation, Supplier<T> request) {
      try {
        return retry.executeCallable(() -> {
          try {
            return circuitBreaker.executeCallable(() -> attempt(operation, request));
          } catch (CallNotPermittedException open) {
            throw new DeliveryFailure(DeliveryFailure.CIRCUIT_OPEN, channel.wireName() + ": " + operation
                + " not tried, the circuit is open after repeated failures", remainingOpen(), open);
          }
        });
      } catch (DeliveryFailure failure) {
        throw failure;
      } catch (Exception unexpected) {
        throw new DeliveryFailure(DeliveryFailure.UNAVAILABLE, channel.wireName() + ": " + operation + " failed",
            null, unexpected);
      }
    }

    private <T> T attempt(String operation, Supplier<T> request) {
      String what = channel.wireName() + ": " + operation;
      try {
        RateLimiter.waitForPermission(rateLimiter);
        return timeLimiter.executeFutureSupplier(() -> calls.submit(request::get));
      } catch (RequestNotPermitted busy) {
        throw new DeliveryFailure(DeliveryFailure.RATE_LIMITED, what + " held back by our own rate limit",
            Duration.ofSeconds(1), busy);
      } catch (TimeoutException slow) {
        throw new DeliveryFailure(DeliveryFailure.TIMEOUT, what + " got no answer within "
            + settings.timeLimit().toMillis() + " ms", null, slow);
      } catch (RestClientResponseException answered) {
        throw classify(what, answered);
      } catch (ResourceAccessException io) {
        if (io.getCause() instanceof HttpTimeoutException) {
          throw new DeliveryFailure(DeliveryFailure.TIMEOUT, what + " timed out", null, io);
        }
        // the message would name the URL; the cause's class says enough
        throw new DeliveryFailure(DeliveryFailure.UNAVAILABLE, what + " could not reach the channel ("
            + (io.getCause() == null ? "I/O error" : io.getCause().getClass().getSimpleName()) + ")", null, io);
      } catch (DeliveryFailure failure) {
        throw failure;
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
        throw new DeliveryFailure(DeliveryFailure.UNAVAILABLE, what + " interrupted", null, stopping);
      } catch (Exception other) {
        throw new DeliveryFailure(DeliveryFailure.UNAVAILABLE, what + " failed: " + other.getClass().getSimpleName(),
            null, other);
      }
    }

    private DeliveryFailure classify(String what, RestClientResponseException answered) {
      int status = answered.getStatusCode().value();
      Duration retryAfter = retryAfter(answered.getResponseHeaders(), clock.instant());
      String said = what + " answered " + status;
      if (status == 429) {
        return new DeliveryFailure(DeliveryFailure.RATE_LIMITED, said, retryAfter, answered);
      }
      if (status < 500 && mediaNotReady(answered)) {
        // a container Instagram is still processing: publishing it a moment later works; not the channel failing
        return new DeliveryFailure(DeliveryFailure.RATE_LIMITED, said + " (the media is not ready yet): "
            + errorMessage(answered), retryAfter, answered);
      }
      Duration throttled = status < 500 ? throttled(answered) : null;
      if (throttled != null) {
        return new DeliveryFailure(DeliveryFailure.RATE_LIMITED, said + " (throttled): " + errorMessage(answered),
            retryAfter != null ? retryAfter : throttled.isZero() ? null : throttled, answered);
      }
      if (status >= 500) {
        return new DeliveryFailure(DeliveryFailure.UNAVAILABLE, said, retryAfter, answered);
      }
      return new DeliveryFailure(DeliveryFailure.REJECTED, said + ": " + errorMessage(answered), null, answered);
    }

    private Duration remainingOpen() {
      Duration left = settings.circuitBreaker().waitInOpen().minus(Duration.between(openedAt, clock.instant()));
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  private RetryConfig retryConfig(ChannelProperties.Resilience.Retry retry) {
    IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(retry.initialWait(), retry.multiplier());
    return RetryConfig.custom().maxAttempts(retry.maxAttempts())
        .intervalBiFunction(waitBeforeRetry(backoff))
        .retryOnException(e -> e instanceof DeliveryFailure failure && failure.retryable()
            && !DeliveryFailure.CIRCUIT_OPEN.equals(failure.reason())
            && (failure.retryAfter() == null || failure.retryAfter().compareTo(retry.maxRetryAfter()) <= 0))
        .build();
  }

  /** The wait before retry n: the channel's Retry-After when it sent one (capped by the predicate), else backoff. */
  static IntervalBiFunction<Object> waitBeforeRetry(IntervalFunction backoff) {
    return (attempt, outcome) -> {
      if (outcome.isLeft() && outcome.getLeft() instanceof DeliveryFailure failure && failure.retryAfter() != null) {
        return Math.max(0, failure.retryAfter().toMillis());
      }
      return backoff.apply(attempt);
    };
  }

  private static CircuitBreakerConfig circuitBreakerConfig(ChannelProperties.Resilience.CircuitBreaker breaker) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(breaker.window())
        .minimumNumberOfCalls(breaker.minimumCalls())
        .failureRateThreshold(breaker.failureRate())
        .waitDurationInOpenState(breaker.waitInOpen())
        .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
        // the channel answered: a refused post or a 429 says nothing about the channel being down
        .ignoreException(e -> e instanceof DeliveryFailure failure
            && (DeliveryFailure.REJECTED.equals(failure.reason())
                || DeliveryFailure.RATE_LIMITED.equals(failure.reason())))
        .recordException(e -> e instanceof DeliveryFailure failure
            && (DeliveryFailure.UNAVAILABLE.equals(failure.reason())
                || DeliveryFailure.TIMEOUT.equals(failure.reason())))
        .build();
  }

  /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpHeaders headers, Instant now) {
    String value = headers == null ? null : headers.getFirst(HttpHeaders.RETRY_AFTER);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(now,
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  /**
   * Meta's 9007 ("Media ID is not available", subcode 2207027): {@code media_publish} of a container Instagram has not
   * finished processing. Taken for a refusal, it failed the delivery for good although the same call succeeds moments
   * later.
   */
  static boolean mediaNotReady(RestClientResponseException answered) {
    try {
      return JsonMapper.shared().readTree(answered.getResponseBodyAsString()).path("error").path("code").asInt(0) == 9007;
    } catch (JacksonException notJson) {
      return false;
    }
  }

  /** Meta's throttling codes: app, user and Page request limits, "calls exceeded", and business use-case limits. */
  private static final java.util.Set<Integer> META_THROTTLING = java.util.Set.of(4, 17, 32, 613);
  /** Google's: the daily quota, and per-project or per-user rate limits. */
  private static final java.util.Set<String> GOOGLE_THROTTLING = java.util.Set.of("quotaExceeded",
      "dailyLimitExceeded", "rateLimitExceeded", "userRateLimitExceeded");
  /** The YouTube Data API's daily quota comes back at midnight Pacific time; asking hourly is soon enough. */
  static final Duration QUOTA_PAUSE = Duration.ofHours(1);

  /**
   * When a 4xx says the caller is throttled, not refused, how long to wait: Meta answers its limits with 400 or
   * 403 and an error code (4, 17, 32, 613, 80001-80099), with the minutes left in {@code X-Business-Use-Case-Usage}
   * when it knows them; YouTube with 403 and a reason. Zero: throttled, wait unknown; null: not throttled.
   */
  static Duration throttled(RestClientResponseException answered) {
    JsonNode error;
    try {
      error = JsonMapper.shared().readTree(answered.getResponseBodyAsString()).path("error");
    } catch (JacksonException notJson) {
      return null;
    }
    int code = error.path("code").asInt(0);
    if (META_THROTTLING.contains(code) || code >= 80001 && code <= 80099) {
      return regainAccess(answered.getResponseHeaders());
    }
    for (JsonNode detail : error.path("errors")) {
      String reason = detail.path("reason").asString("");
      if (GOOGLE_THROTTLING.contains(reason)) {
        return reason.equals("quotaExceeded") || reason.equals("dailyLimitExceeded") ? QUOTA_PAUSE : Duration.ZERO;
      }
    }
    return "RESOURCE_EXHAUSTED".equals(error.path("status").asString("")) ? Duration.ZERO : null;
  }

  /**
   * Whether the Graph API refused because the object is not there: code 100, subcode 33 ("Object with ID ... does
   * not exist, cannot be loaded due to missing permissions"), as it answers for a post deleted on the Page.
   */
  static boolean objectGone(DeliveryFailure failure) {
    if (!(failure.getCause() instanceof RestClientResponseException answered)
        || answered.getStatusCode().value() != 400) {
      return false;
    }
    try {
      JsonNode error = JsonMapper.shared().readTree(answered.getResponseBodyAsString()).path("error");
      return error.path("code").asInt(0) == 100 && error.path("error_subcode").asInt(0) == 33;
    } catch (JacksonException notJson) {
      return false;
    }
  }

  /** The longest {@code estimated_time_to_regain_access} (minutes) in Meta's usage header; zero when absent. */
  private static Duration regainAccess(HttpHeaders headers) {
    String usage = headers == null ? null : headers.getFirst("X-Business-Use-Case-Usage");
    long minutes = 0;
    if (usage != null) {
      try {
        for (JsonNode account : JsonMapper.shared().readTree(usage)) {
          for (JsonNode limit : account) {
            minutes = Math.max(minutes, limit.path("estimated_time_to_regain_access").asLong(0));
          }
        }
      } catch (JacksonException unreadable) {
        minutes = 0;
      }
    }
    return Duration.ofMinutes(minutes);
  }

  /** The API's own error message ({@code error.message} at Meta and Google), cut short. */
  private static String errorMessage(RestClientResponseException answered) {
    String text;
    try {
      text = JsonMapper.shared().readTree(answered.getResponseBodyAsString()).path("error").path("message")
          .asString(answered.getStatusText());
    } catch (JacksonException notJson) {
      text = answered.getStatusText();
    }
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
