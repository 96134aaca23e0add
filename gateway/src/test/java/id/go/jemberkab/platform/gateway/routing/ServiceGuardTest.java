package id.go.jemberkab.platform.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** The guard's one operator: time limit, breaker outcome and a caller's cancel, each exactly once. */
class ServiceGuardTest {

  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
      .minimumNumberOfCalls(100).permittedNumberOfCallsInHalfOpenState(1).build());
  private final TimeLimiterRegistry limits = TimeLimiterRegistry.of(TimeLimiterConfig.custom()
      .timeoutDuration(Duration.ofMillis(200)).build());
  private final GatewayFilter guard = guard();
  private final CircuitBreaker breaker = breakers.circuitBreaker("citizen");

  private GatewayFilter guard() {
    ServiceGuardGatewayFilterFactory.Config config = new ServiceGuardGatewayFilterFactory.Config();
    config.setService("citizen");
    return new ServiceGuardGatewayFilterFactory(breakers, limits).apply(config);
  }

  @Test
  void aServiceSilentPastTheLimitIsCutOffAndCountedAsFailed() {
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicReference<Throwable> error = new AtomicReference<>();
    Mono<Void> hung = Mono.<Void>never().doOnCancel(() -> cancelled.set(true));

    guard.filter(exchange(), exchange -> hung).subscribe(null, error::set);

    await().atMost(Duration.ofSeconds(5)).until(() -> error.get() != null);
    assertThat(error.get()).isInstanceOf(TimeoutException.class).hasMessageContaining("200 ms");
    assertThat(cancelled).as("the call to the service is given up").isTrue();
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isZero();
  }

  @Test
  void anAnswerInTimeIsOneSuccessAndNoLaterTimeout() {
    AtomicInteger completed = new AtomicInteger();
    AtomicReference<Throwable> error = new AtomicReference<>();

    guard.filter(exchange(), exchange -> Mono.delay(Duration.ofMillis(20)).then())
        .subscribe(null, error::set, completed::incrementAndGet);

    await().atMost(Duration.ofSeconds(5)).until(() -> completed.get() == 1);
    // a call well past the limit, on the same scheduler: the first call's timer, had it stayed, fired before it
    AtomicInteger later = new AtomicInteger();
    guard.filter(exchange(), exchange -> Mono.delay(Duration.ofMillis(400)).then())
        .subscribe(null, e -> later.incrementAndGet(), later::incrementAndGet);
    await().atMost(Duration.ofSeconds(5)).until(() -> later.get() == 1);
    assertThat(error.get()).isNull();
    assertThat(completed).hasValue(1);
    assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
  }

  @Test
  void aFailedCallIsOneFailure() {
    AtomicReference<Throwable> error = new AtomicReference<>();

    guard.filter(exchange(), exchange -> Mono.error(new java.io.IOException("connection refused")))
        .subscribe(null, error::set);

    assertThat(error.get()).hasMessage("connection refused");
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
  }

  @Test
  void aCallerGoneBeforeTheAnswerGivesItsTrialCallBackToTheHalfOpenBreaker() {
    breaker.transitionToOpenState();
    breaker.transitionToHalfOpenState();
    AtomicBoolean cancelled = new AtomicBoolean();

    Disposable call = guard.filter(exchange(), exchange -> Mono.<Void>never().doOnCancel(() -> cancelled.set(true)))
        .subscribe();
    assertThat(breaker.tryAcquirePermission()).as("its one trial call is taken").isFalse();
    call.dispose();

    assertThat(cancelled).isTrue();
    assertThat(breaker.tryAcquirePermission()).as("and given back, neither success nor failure").isTrue();
    assertThat(breaker.getMetrics().getNumberOfFailedCalls() + breaker.getMetrics().getNumberOfSuccessfulCalls())
        .isZero();
  }

  private static MockServerWebExchange exchange() {
    return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/citizens/1"));
  }
}
