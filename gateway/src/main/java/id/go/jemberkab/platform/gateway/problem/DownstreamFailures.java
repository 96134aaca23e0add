package id.go.jemberkab.platform.gateway.problem;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Counts the calls a service failed, by service and cause ({@code gateway_downstream_failures_total{service,cause}}:
 * timeout, circuit-open, unavailable). Spring Cloud CircuitBreaker applies the time limit itself, so resilience4j's
 * time-limiter metrics never see a timeout and the dashboard's timeouts panel stayed at zero.
 */
@Component
public class DownstreamFailures {

  private final MeterRegistry meters;

  public DownstreamFailures(MeterRegistry meters) {
    this.meters = meters;
  }

  public void count(String service, Throwable cause) {
    String kind = cause instanceof TimeoutException ? "timeout"
        : cause instanceof CallNotPermittedException ? "circuit-open" : "unavailable";
    Counter.builder("gateway.downstream.failures").description("Calls a service failed, by cause")
        .tag("service", service).tag("cause", kind).register(meters).increment();
  }
}
