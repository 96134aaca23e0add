package id.go.jemberkab.platform.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a routed call answers when its service cannot be reached (here the streamed imports'). */
class ProblemWebExceptionHandlerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(JSON);

  @Test
  void aServiceThatRefusesTheConnectionOrWhoseBreakerIsOpenIsA503WithRetryAfterNamingTheService() {
    for (Throwable error : new Throwable[] {
        new RuntimeException("connection failed", new ConnectException("Connection refused: /127.0.0.1:8081")),
        CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("citizen-imports")),
        // the breaker's time limit, as Spring Cloud Gateway reports it, and a connection that broke mid-upload
        new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.GATEWAY_TIMEOUT,
            "Response took longer than timeout: PT15M"),
        new RuntimeException(new java.io.IOException("Connection reset by peer"))}) {
      MockServerWebExchange exchange = imports();

      handler.handle(exchange, error).block();

      assertThat(exchange.getResponse().getStatusCode().value()).as(error.toString()).isEqualTo(503);
      assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("10");
      JsonNode problem = JSON.readTree(exchange.getResponse().getBodyAsString().block());
      assertThat(problem.path("type").asString()).endsWith("/problems/service-unavailable");
      assertThat(problem.path("service").asString()).as("the guard's service, not the route's id").isEqualTo("citizen");
    }
  }

  @Test
  void anythingElseIsALogged500WithoutDetails() {
    MockServerWebExchange exchange = imports();

    handler.handle(exchange, new IllegalStateException("NIK 3509011234560001 in a message")).block();

    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
    assertThat(exchange.getResponse().getBodyAsString().block()).doesNotContain("3509011234560001");
  }

  private static MockServerWebExchange imports() {
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/citizens/imports"));
    exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, Route.async().id("citizen-imports")
        .uri("http://127.0.0.1:8081").predicate(e -> true).build());
    // what the route's ServiceGuard sets before it calls the service
    exchange.getAttributes().put(
        id.go.jemberkab.platform.gateway.routing.ServiceGuardGatewayFilterFactory.SERVICE_ATTR, "citizen");
    return exchange;
  }
}
