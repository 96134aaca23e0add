package id.go.jemberkab.platform.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A database that does not answer is the service being unavailable, not a bug: a 503 with {@code Retry-After}, as
 * Spring Data and the MongoDB driver report it here (a service's classpath, not this library's).
 */
class DatabaseAwayTest {

  @Test
  void aDatabaseThatDoesNotAnswerIsA503WithRetryAfterNotA500() {
    var timedOut = new DataAccessResourceFailureException("Timed out while waiting for a server",
        new com.mongodb.MongoTimeoutException("Timed out while waiting for a server"));
    var response = new ProblemResponses().unexpected(timedOut,
        new MockHttpServletRequest("GET", "/api/v1/citizens"));

    assertThat(response.getStatusCode().value()).isEqualTo(503);
    assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("10");
    assertThat(response.getBody().getType().toString()).endsWith("/problems/service-unavailable");

    // the driver's own, by its superclass: a connection refused while the primary restarts
    assertThat(ProblemResponses.storeAway(new IllegalStateException(new com.mongodb.MongoSocketOpenException(
        "refused", new com.mongodb.ServerAddress())))).isTrue();
    assertThat(ProblemResponses.storeAway(new IllegalStateException("a bug"))).isFalse();

    var bug = new ProblemResponses().unexpected(new IllegalStateException("a bug"),
        new MockHttpServletRequest("GET", "/api/v1/citizens"));
    assertThat(bug.getStatusCode().value()).isEqualTo(500);
  }
}
