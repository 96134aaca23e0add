package id.go.jemberkab.platform.gateway.fallback;

import id.go.jemberkab.platform.gateway.problem.ProblemWebExceptionHandler;
import java.net.URI;
import java.util.Set;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The circuit breakers' fallback for every route and every method: 503 with a problem body and
 * {@code Retry-After}, answered at once while the service is down or its breaker is open.
 */
@RestController
class FallbackController {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FallbackController.class);

  static final String RETRY_AFTER_SECONDS = ProblemWebExceptionHandler.RETRY_AFTER_SECONDS;

  private final id.go.jemberkab.platform.gateway.problem.DownstreamFailures failures;

  FallbackController(id.go.jemberkab.platform.gateway.problem.DownstreamFailures failures) {
    this.failures = failures;
  }

  @RequestMapping("/fallback/{service}")
  ResponseEntity<ProblemDetail> unavailable(@PathVariable String service, ServerWebExchange exchange) {
    Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
    log.warn("{} unavailable: {}", service, cause == null ? "no cause recorded" : cause.toString());
    failures.count(service, cause);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The " + service + " service is unavailable or did not answer in time. Retry later.");
    problem.setType(URI.create("https://platform.jemberkab.go.id/problems/service-unavailable"));
    problem.setTitle("Service unavailable");
    problem.setProperty("service", service);
    Set<URI> original = exchange.getAttributeOrDefault(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR,
        Set.of());
    original.stream().findFirst().ifPresent(uri -> problem.setInstance(URI.create(uri.getRawPath())));
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
