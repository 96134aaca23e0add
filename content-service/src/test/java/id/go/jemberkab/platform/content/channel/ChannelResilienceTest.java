package id.go.jemberkab.platform.content.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guards around a real channel's calls, shown on the Facebook adapter against a WireMock Graph API. */
class ChannelResilienceTest {

  @RegisterExtension
  static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String FEED = "/v23.0/104729/feed";

  private ChannelHttp http;
  private FacebookPageAdapter facebook;
  private CircuitBreaker breaker;

  @BeforeEach
  void adapter() {
    http = new ChannelHttp(TestChannels.quickGuards(), null, Clock.systemUTC());
    facebook = new FacebookPageAdapter(TestChannels.facebook(graph.baseUrl()), http);
    breaker = http.circuitBreakers().circuitBreaker("facebook");
    // what a retry looks for first, the post an attempt whose answer was lost may have made: none here
    graph.stubFor(get(urlPathEqualTo("/v23.0/104729/posts")).willReturn(okJson("{\"data\":[]}")));
  }

  @AfterEach
  void close() {
    http.close();
  }

  @Test
  void triesAgainAfterABrokenConnectionAndA503ThenDelivers() {
    graph.stubFor(post(FEED).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("reset"));
    graph.stubFor(post(FEED).inScenario("flaky").whenScenarioStateIs("reset")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("unavailable"));
    graph.stubFor(post(FEED).inScenario("flaky").whenScenarioStateIs("unavailable")
        .willReturn(okJson("{\"id\":\"104729_9001\"}")));

    Delivery delivery = facebook.deliver(TestChannels.post(List.of()));

    assertThat(delivery.externalId()).isEqualTo("104729_9001");
    assertThat(delivery.url()).hasToString("https://www.facebook.com/104729_9001");
    graph.verify(3, postRequestedFor(urlPathEqualTo(FEED)));
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
  }

  @Test
  void failsTimeoutWhenTheChannelAnswersAfterTheTimeLimit() {
    graph.stubFor(post(FEED).willReturn(okJson("{\"id\":\"104729_9002\"}")
        .withFixedDelay((int) TestChannels.TIME_LIMIT.multipliedBy(3).toMillis())));

    DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
        () -> facebook.deliver(TestChannels.post(List.of())));

    assertThat(failure.reason()).isEqualTo(DeliveryFailure.TIMEOUT);
    assertThat(failure.retryable()).isTrue();
    graph.verify(3, postRequestedFor(urlPathEqualTo(FEED)));
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
  }

  @Test
  void waitsTheRetryAfterOfA429InsteadOfTheBackoffThenDelivers() {
    List<Duration> waits = new CopyOnWriteArrayList<>();
    http.retries().retry("facebook").getEventPublisher().onRetry(retry -> waits.add(retry.getWaitInterval()));
    graph.stubFor(post(FEED).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
    graph.stubFor(post(FEED).inScenario("busy").whenScenarioStateIs("calm")
        .willReturn(okJson("{\"id\":\"104729_9003\"}")));

    assertThat(facebook.deliver(TestChannels.post(List.of())).externalId()).isEqualTo("104729_9003");

    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    List<LoggedRequest> requests = graph.findAll(postRequestedFor(urlPathEqualTo(FEED)));
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime())
        .isGreaterThanOrEqualTo(1000);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void handsALongRetryAfterToTheCallerInsteadOfWaitingInTheCall() {
    graph.stubFor(post(FEED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

    DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
        () -> facebook.deliver(TestChannels.post(List.of())));

    assertThat(failure.reason()).isEqualTo(DeliveryFailure.RATE_LIMITED);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    graph.verify(1, postRequestedFor(urlPathEqualTo(FEED)));
  }

  @Test
  void takesMetasPageLimitForThrottlingAndWaitsTheMinutesItsUsageHeaderGives() {
    graph.stubFor(post(FEED).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
        .withHeader("X-Business-Use-Case-Usage", "{\"104729\":[{\"type\":\"pages\",\"call_count\":100,"
            + "\"total_cputime\":12,\"total_time\":14,\"estimated_time_to_regain_access\":7}]}")
        .withBody("{\"error\":{\"message\":\"(#32) Page request limit reached\",\"type\":\"OAuthException\","
            + "\"code\":32}}")));

    DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
        () -> facebook.deliver(TestChannels.post(List.of())));

    assertThat(failure.reason()).isEqualTo(DeliveryFailure.RATE_LIMITED);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(7));
    graph.verify(1, postRequestedFor(urlPathEqualTo(FEED)));
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void retriesAThrottledCallWhoseWaitMetaDoesNotSayWithTheBackoff() {
    graph.stubFor(post(FEED).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"(#613) Calls to this api have exceeded the rate limit.\","
                + "\"code\":613}}")).willSetStateTo("calm"));
    graph.stubFor(post(FEED).inScenario("limit").whenScenarioStateIs("calm")
        .willReturn(okJson("{\"id\":\"104729_9005\"}")));

    assertThat(facebook.deliver(TestChannels.post(List.of())).externalId()).isEqualTo("104729_9005");
    graph.verify(2, postRequestedFor(urlPathEqualTo(FEED)));
  }

  @Test
  void rejectsA400WithoutRetryingOrCountingItAgainstTheChannel() {
    graph.stubFor(post(FEED).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"(#100) The parameter link is invalid\",\"type\":\"OAuthException\","
            + "\"code\":100}}")));

    DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
        () -> facebook.deliver(TestChannels.post(List.of())));

    assertThat(failure.reason()).isEqualTo(DeliveryFailure.REJECTED);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("400", "(#100) The parameter link is invalid")
        .doesNotContain("fb-page-token");
    graph.verify(1, postRequestedFor(urlPathEqualTo(FEED)));
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
  }

  @Test
  void opensTheCircuitAfterRepeated5xxAndClosesOnceTheChannelRecovers() {
    graph.stubFor(post(FEED).willReturn(aResponse().withStatus(502)));

    // three failed attempts, then the fourth opens the breaker: 4 of the last 4 calls failed
    assertThat(catchThrowableOfType(DeliveryFailure.class, () -> facebook.deliver(TestChannels.post(List.of())))
        .reason()).isEqualTo(DeliveryFailure.UNAVAILABLE);
    DeliveryFailure opened = catchThrowableOfType(DeliveryFailure.class,
        () -> facebook.deliver(TestChannels.post(List.of())));
    assertThat(opened.reason()).isEqualTo(DeliveryFailure.CIRCUIT_OPEN);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    graph.verify(4, postRequestedFor(urlPathEqualTo(FEED)));

    DeliveryFailure held = catchThrowableOfType(DeliveryFailure.class,
        () -> facebook.deliver(TestChannels.post(List.of())));
    assertThat(held.reason()).isEqualTo(DeliveryFailure.CIRCUIT_OPEN);
    assertThat(held.retryable()).isTrue();
    assertThat(held.retryAfter()).isPositive().isLessThanOrEqualTo(TestChannels.WAIT_IN_OPEN);
    graph.verify(4, postRequestedFor(urlPathEqualTo(FEED)));

    graph.stubFor(post(FEED).willReturn(okJson("{\"id\":\"104729_9004\"}")));
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      try {
        facebook.deliver(TestChannels.post(List.of()));
      } catch (DeliveryFailure stillOpen) {
        assertThat(stillOpen.reason()).isEqualTo(DeliveryFailure.CIRCUIT_OPEN);
      }
      assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    });
    graph.verify(5, postRequestedFor(urlPathEqualTo(FEED)));
  }
}
