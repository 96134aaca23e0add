package id.go.jemberkab.platform.gateway.routing;

import id.go.jemberkab.platform.gateway.problem.GatewayProblem;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.reactivestreams.Subscription;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * A service's circuit breaker, time limit and retries, in one filter per route ({@code ServiceGuard} in
 * {@code application.yml}):
 * <ul>
 *   <li>resilience4j's breaker named {@code breaker} (the service's name unless given) lets the call through or
 *       refuses it at once; the call's outcome, up to the service's response headers, is recorded in it;</li>
 *   <li>resilience4j's time limiter of the same name bounds the whole call, retries included;</li>
 *   <li>a GET or HEAD without a body is tried again up to {@code retries} times (50 ms, then twice the wait, at
 *       most 500 ms) when the connection failed or the service answered 5xx. Nothing else is ever repeated.</li>
 * </ul>
 * A refused, failed or timed-out call ends in an error that {@code ProblemWebExceptionHandler} answers as 503
 * with {@code Retry-After}, naming {@link #SERVICE_ATTR the service}, for every method.
 *
 * <p>Spring Cloud Gateway's {@code CircuitBreaker} and {@code Retry} filters did the same at about a fifth of the
 * gateway's CPU per call: a bulkhead, a fallback lookup and two reactor-extra repeat machines built on every call,
 * and the request body cached for any method, so that it could be sent again.
 */
@Component
public class ServiceGuardGatewayFilterFactory extends AbstractGatewayFilterFactory<ServiceGuardGatewayFilterFactory.Config> {

  /** The exchange attribute naming the service a failed call was meant for. */
  public static final String SERVICE_ATTR = ServiceGuardGatewayFilterFactory.class.getName() + ".service";

  /**
   * Set by the access filter on a request that came without a body ({@code Content-Length} 0 or absent, no
   * {@code Transfer-Encoding}): admitted, its {@code Transfer-Encoding} is gone, so its headers can no longer tell.
   */
  public static final String BODYLESS_ATTR = ServiceGuardGatewayFilterFactory.class.getName() + ".bodyless";
  /**
   * Set by the access filter on a request with a body: a {@code BooleanSupplier}, true while the caller has not
   * sent all of it.
   */
  public static final String BODY_ARRIVING_ATTR = ServiceGuardGatewayFilterFactory.class.getName() + ".bodyArriving";

  static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  static final Duration MAX_BACKOFF = Duration.ofMillis(500);

  private final CircuitBreakerRegistry breakers;
  private final TimeLimiterRegistry timeLimiters;

  public ServiceGuardGatewayFilterFactory(CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters) {
    super(Config.class);
    this.breakers = breakers;
    this.timeLimiters = timeLimiters;
  }

  /** {@code service}: named in problems and metrics; {@code breaker}: the breaker's and time limiter's name. */
  public static class Config {
    private String service;
    private String breaker;
    private int retries;

    public String getService() {
      return service;
    }

    public void setService(String service) {
      this.service = service;
    }

    public String getBreaker() {
      return breaker;
    }

    public void setBreaker(String breaker) {
      this.breaker = breaker;
    }

    public int getRetries() {
      return retries;
    }

    public void setRetries(int retries) {
      this.retries = retries;
    }
  }

  @Override
  public GatewayFilter apply(Config config) {
    if (config.service == null || config.service.isBlank()) {
      throw new IllegalArgumentException("ServiceGuard needs the service it guards (args: service)");
    }
    if (config.retries < 0 || config.retries > 5) {
      throw new IllegalArgumentException("ServiceGuard retries must be 0 to 5, not " + config.retries);
    }
    String name = config.breaker == null || config.breaker.isBlank() ? config.service : config.breaker;
    return new Guard(config.service, breakers.circuitBreaker(name), timeLimiters.timeLimiter(name), config.retries);
  }

  /** One route's guard; the breaker and time limiter are shared by every route naming them. */
  static final class Guard implements GatewayFilter {

    private final String service;
    private final CircuitBreaker breaker;
    private final TimeLimiter timeLimiter;
    private final Duration limit;
    private final int retries;

    Guard(String service, CircuitBreaker breaker, TimeLimiter timeLimiter, int retries) {
      this.service = service;
      this.breaker = breaker;
      this.timeLimiter = timeLimiter;
      this.limit = timeLimiter.getTimeLimiterConfig().getTimeoutDuration();
      this.retries = retries;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
      exchange.getAttributes().put(SERVICE_ATTR, service);
      if (!breaker.tryAcquirePermission()) {
        return Mono.error(CallNotPermittedException.createCallNotPermittedException(breaker));
      }
      Mono<Void> call = retries > 0 && repeatable(exchange) ? attempt(exchange, chain, 0)
          : chain.filter(exchange);
      return new Guarded(call, this, exchange);
    }

    /**
     * One try, and the next one while the service failed and retries are left. Whether to try again is decided
     * once, on this try's own outcome: a later try's failure must not start this level's next try a second time.
     */
    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, int retry) {
      Mono<Void> once = chain.filter(exchange);
      if (retry == retries) {
        return once;
      }
      return once
          .then(Mono.fromSupplier(() -> serverError(exchange.getResponse().getStatusCode())))
          .onErrorResume(ServiceGuardGatewayFilterFactory::connectionFailed, e -> Mono.just(Boolean.TRUE))
          .flatMap(failed -> failed ? again(exchange, chain, retry) : Mono.empty());
    }

    private Mono<Void> again(ServerWebExchange exchange, GatewayFilterChain chain, int retry) {
      // drops the failed answer's connection and headers, so the next try starts clean
      ServerWebExchangeUtils.reset(exchange);
      return Mono.delay(backoff(retry)).then(attempt(exchange, chain, retry + 1));
    }
  }

  /**
   * One call under its guard, as one operator: the time limit, and the outcome told to the breaker and the time
   * limiter. Reactor's {@code timeout}, {@code doOnEach} and {@code doOnCancel} did the same as three operators and
   * a timer publisher per call, and {@code timeout} also named its source for its error message by walking the whole
   * operator chain: together about 5 % of the gateway's CPU samples.
   * <ul>
   *   <li>the service answered (its response headers came): a success;</li>
   *   <li>it failed, or the time ran out: an error; a time that ran out while the caller was still sending its body
   *       is the caller's {@code 408}, which the breaker ignores, else a {@link TimeoutException};</li>
   *   <li>the caller went away first: neither, the breaker's permission is given back.</li>
   * </ul>
   * Exactly one of these happens, whichever comes first.
   */
  static final class Guarded extends Mono<Void> {

    private final Mono<Void> call;
    private final Guard guard;
    private final ServerWebExchange exchange;

    Guarded(Mono<Void> call, Guard guard, ServerWebExchange exchange) {
      this.call = call;
      this.guard = guard;
      this.exchange = exchange;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Void> actual) {
      call.subscribe(new Watch(actual, guard, exchange));
    }
  }

  private static final class Watch implements CoreSubscriber<Void>, Subscription, Runnable {

    private static final AtomicIntegerFieldUpdater<Watch> ENDED =
        AtomicIntegerFieldUpdater.newUpdater(Watch.class, "ended");

    private final CoreSubscriber<? super Void> actual;
    private final Guard guard;
    private final ServerWebExchange exchange;
    private final long started = System.nanoTime();
    private Subscription upstream;
    private volatile Disposable timer;
    private volatile int ended;

    Watch(CoreSubscriber<? super Void> actual, Guard guard, ServerWebExchange exchange) {
      this.actual = actual;
      this.guard = guard;
      this.exchange = exchange;
    }

    @Override
    public Context currentContext() {
      return actual.currentContext();
    }

    @Override
    public void onSubscribe(Subscription s) {
      if (Operators.validate(upstream, s)) {
        upstream = s;
        actual.onSubscribe(this);
        // after the caller has its subscription (the time may not run out before), and gone again at once should
        // the call have ended while it got it
        Disposable scheduled = Schedulers.parallel().schedule(this, guard.limit.toNanos(), TimeUnit.NANOSECONDS);
        timer = scheduled;
        if (ended != 0) {
          scheduled.dispose();
        }
      }
    }

    private void stopTimer() {
      Disposable running = timer;
      if (running != null) {
        running.dispose();
      }
    }

    @Override
    public void onNext(Void nothing) {
      // a Mono<Void> has no values
    }

    @Override
    public void onComplete() {
      if (end()) {
        stopTimer();
        guard.breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        guard.timeLimiter.onSuccess();
        actual.onComplete();
      }
    }

    @Override
    public void onError(Throwable error) {
      if (end()) {
        stopTimer();
        failed(error);
      } else {
        Operators.onErrorDropped(error, actual.currentContext());
      }
    }

    /** The time limit ran out. */
    @Override
    public void run() {
      if (end()) {
        upstream.cancel();
        // a caller still sending its body when the time ran out is slow, not the service: without this, ten slow
        // uploads at once opened the breaker, and every route of the service answered 503 to everyone
        failed(bodyArriving(exchange)
            ? GatewayProblem.requestTimeout("The request body did not arrive within " + guard.limit.toSeconds()
                + " s; send it faster, or a smaller one.")
            : new TimeoutException("The service did not answer within " + guard.limit.toMillis() + " ms"));
      }
    }

    private void failed(Throwable error) {
      // the breaker's ignore-exceptions (the caller's own 413 and 408) release the permission without a failure
      guard.breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, error);
      guard.timeLimiter.onError(error);
      actual.onError(error);
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    /** The caller went away before the service answered: neither a success nor the service's failure. */
    @Override
    public void cancel() {
      if (end()) {
        stopTimer();
        upstream.cancel();
        guard.breaker.releasePermission();
      }
    }

    private boolean end() {
      return ENDED.compareAndSet(this, 0, 1);
    }
  }

  /** Whether the caller was still sending the request's body ({@link #BODY_ARRIVING_ATTR}). */
  static boolean bodyArriving(ServerWebExchange exchange) {
    return exchange.getAttribute(BODY_ARRIVING_ATTR) instanceof java.util.function.BooleanSupplier arriving
        && arriving.getAsBoolean();
  }

  /** The wait before retry {@code retry + 1}: 50 ms, doubling, at most 500 ms. */
  static Duration backoff(int retry) {
    Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(retry, 10));
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /**
   * GET and HEAD that came without a body ({@link #BODYLESS_ATTR}): the only calls safe to send twice, and with
   * nothing held to send again. A body read once cannot be read for a second try.
   */
  static boolean repeatable(ServerWebExchange exchange) {
    HttpMethod method = exchange.getRequest().getMethod();
    return (method == HttpMethod.GET || method == HttpMethod.HEAD)
        && Boolean.TRUE.equals(exchange.getAttribute(BODYLESS_ATTR));
  }

  static boolean serverError(HttpStatusCode status) {
    return status != null && status.is5xxServerError();
  }

  /** The connection could not be made or broke before the answer: nothing reached the caller yet. */
  static boolean connectionFailed(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }
}
