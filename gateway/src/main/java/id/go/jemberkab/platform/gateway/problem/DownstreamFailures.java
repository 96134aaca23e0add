package id.go.jemberkab.platform.gateway.problem;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Counts the calls a service failed, by service and cause ({@code gateway_downstream_failures_total{service,cause}}:
 * timeout, circuit-open, unavailable), for the dashboard's failures panel.
 */
@Component
public class DownstreamFailures {

  private final MeterRegistry meters;

  /** The platform's services, whose series exist from the start: a panel or a rate() over none shows no data. */
  static final java.util.List<String> SERVICES = java.util.List.of("citizen", "content", "analytics");
  static final java.util.List<String> CAUSES = java.util.List.of("timeout", "circuit-open", "unavailable");

  public DownstreamFailures(MeterRegistry meters) {
    this.meters = meters;
    SERVICES.forEach(service -> CAUSES.forEach(cause -> counter(service, cause)));
  }

  public void count(String service, Throwable error) {
    counter(service, kind(error)).increment();
  }

  /**
   * The cause, looked for down the chain: a route's own response timeout (the imports route's) arrives as a 504
   * {@code ResponseStatusException} wrapping the {@link TimeoutException}.
   */
  static String kind(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException) {
        return "timeout";
      }
      if (cause instanceof CallNotPermittedException) {
        return "circuit-open";
      }
    }
    return "unavailable";
  }

  private Counter counter(String service, String cause) {
    return Counter.builder("gateway.downstream.failures").description("Calls a service failed, by cause")
        .tag("service", service).tag("cause", cause).register(meters);
  }
}
