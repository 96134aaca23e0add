package id.go.jemberkab.platform.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class DownstreamFailuresTest {

  @Test
  void aTimeoutIsATimeoutAlsoWhenARouteWrappedIt() {
    assertThat(DownstreamFailures.kind(new TimeoutException())).isEqualTo("timeout");
    // Spring Cloud Gateway's answer to a route's own response timeout (the imports route)
    assertThat(DownstreamFailures.kind(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer",
        new TimeoutException()))).isEqualTo("timeout");
    assertThat(DownstreamFailures.kind(CallNotPermittedException.createCallNotPermittedException(
        CircuitBreaker.ofDefaults("citizen")))).isEqualTo("circuit-open");
    assertThat(DownstreamFailures.kind(new ConnectException("refused"))).isEqualTo("unavailable");
  }
}
