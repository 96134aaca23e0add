package id.go.jemberkab.platform.content.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FacebookPageAdapterTest {

  @RegisterExtension
  static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ChannelHttp http = new ChannelHttp(TestChannels.quickGuards(), null, Clock.systemUTC());
  private final FacebookPageAdapter facebook = new FacebookPageAdapter(TestChannels.facebook(graph.baseUrl()), http);

  @AfterEach
  void close() {
    http.close();
  }

  /** As the Graph API answers since v3.3: a Page post's link field is gone, and asking for it is an error. */
  @org.junit.jupiter.api.BeforeEach
  void likeTheGraphApi() {
    graph.stubFor(get(urlPathEqualTo(POSTS)).withQueryParam("fields", matching(".*\\blink\\b.*")).atPriority(1)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
            "{\"error\":{\"message\":\"(#12) link field is deprecated for versions v3.3 and higher\","
                + "\"type\":\"OAuthException\",\"code\":12}}")));
  }

  @Test
  void postsTitleSummaryAndLinkToThePageFeedWithThePageToken() {
    graph.stubFor(post("/v23.0/104729/feed").willReturn(okJson("{\"id\":\"104729_555\"}")));

    Delivery delivery = facebook.deliver(TestChannels.post(List.of()));

    assertThat(delivery.externalId()).isEqualTo("104729_555");
    graph.verify(postRequestedFor(urlPathEqualTo("/v23.0/104729/feed"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withFormParam("message", equalTo("Vaksinasi gratis di Kecamatan Patrang\n\n"
            + "Dinas Kesehatan membuka layanan vaksinasi gratis pekan ini.\n\n"
            + "https://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang"))
        .withFormParam("link", equalTo("https://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang"))
        .withFormParam("access_token", equalTo("fb-page-token")));
  }

  /** The Page made the post, but its answer came after the time limit: the retry finds it instead of posting again. */
  @Test
  void aPostWhoseAnswerWasLostIsFoundByTheRetryAndNotPostedTwice() {
    graph.stubFor(post(FEED).inScenario("lost answer").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"id\":\"104729_777\"}").withFixedDelay(
            (int) TestChannels.TIME_LIMIT.multipliedBy(3).toMillis())).willSetStateTo("posted"));
    graph.stubFor(get(urlPathEqualTo(POSTS)).inScenario("lost answer").whenScenarioStateIs("posted")
        .willReturn(okJson(feed("104729_777", URL))));

    // the window starts on the platform's clock, not the machine's: an hour behind here
    Instant now = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    ChannelHttp clocked = new ChannelHttp(TestChannels.quickGuards(), null, Clock.fixed(now, ZoneOffset.UTC));
    try {
      Delivery delivery = new FacebookPageAdapter(TestChannels.facebook(graph.baseUrl()), clocked)
          .deliver(TestChannels.post(List.of()));

      assertThat(delivery.externalId()).isEqualTo("104729_777");
    } finally {
      clocked.close();
    }
    graph.verify(1, postRequestedFor(urlPathEqualTo(FEED)));
    graph.verify(getRequestedFor(urlPathEqualTo(POSTS)).withQueryParam("fields", equalTo("id,message,created_time"))
        .withQueryParam("since", equalTo(Long.toString(now.minus(EarlierPosts.CLOCK_MARGIN).getEpochSecond())))
        .withHeader("Authorization", equalTo("Bearer fb-page-token")));
  }

  /** The timed-out post never reached the Page: the retry looks, finds nothing, posts; each request counted. */
  @Test
  void aRetryThatFindsNoEarlierPostPostsAndOurRateLimitCountsTheLookupToo() {
    graph.stubFor(post(FEED).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"id\":\"104729_lost\"}").withFixedDelay(
            (int) TestChannels.TIME_LIMIT.multipliedBy(3).toMillis())).willSetStateTo("retried"));
    graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(okJson("{\"data\":[]}")));
    graph.stubFor(post(FEED).inScenario("slow").whenScenarioStateIs("retried")
        .willReturn(okJson("{\"id\":\"104729_778\"}")));
    java.util.concurrent.atomic.AtomicInteger permits = new java.util.concurrent.atomic.AtomicInteger();
    http.rateLimiters().rateLimiter("facebook").getEventPublisher().onSuccess(granted -> permits.incrementAndGet());

    Delivery delivery = facebook.deliver(TestChannels.post(List.of()));

    assertThat(delivery.externalId()).isEqualTo("104729_778");
    graph.verify(2, postRequestedFor(urlPathEqualTo(FEED)));
    graph.verify(1, getRequestedFor(urlPathEqualTo(POSTS)));
    assertThat(permits.get()).as("our rate limit counted two posts and a lookup").isEqualTo(3);
  }

  @Test
  void aDeliveryTriedBeforeLooksForItsPostFirstAndPostsOnlyWhenItIsNotThere() {
    Instant published = Instant.parse("2026-11-28T02:00:00Z");
    graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(okJson(feed("104729_700", URL))));

    assertThat(facebook.deliver(TestChannels.retried(List.of(), published)).externalId()).isEqualTo("104729_700");
    graph.verify(0, postRequestedFor(urlPathEqualTo(FEED)));
    graph.verify(getRequestedFor(urlPathEqualTo(POSTS)).withQueryParam("since",
        equalTo(Long.toString(published.minus(EarlierPosts.CLOCK_MARGIN).getEpochSecond()))));

    // another item whose slug starts with this one's is not this edition's post
    graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(okJson(feed("104729_701", URL + "-tahap-2"))));
    graph.stubFor(post(FEED).willReturn(okJson("{\"id\":\"104729_702\"}")));

    assertThat(facebook.deliver(TestChannels.retried(List.of(), published)).externalId()).isEqualTo("104729_702");
    graph.verify(1, postRequestedFor(urlPathEqualTo(FEED)));
  }

  @Test
  void aLookupThatFailsPostsNothingAndSaysWhatFailed() {
    graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(aResponse().withStatus(503)));
    graph.stubFor(post(FEED).willReturn(okJson("{\"id\":\"104729_703\"}")));

    DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
        () -> facebook.deliver(TestChannels.retried(List.of(), Instant.parse("2026-11-28T02:00:00Z"))));

    assertThat(failure.reason()).isEqualTo(DeliveryFailure.UNAVAILABLE);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("look for an earlier attempt's post");
    graph.verify(0, postRequestedFor(urlPathEqualTo(FEED)));
  }

  private static final String FEED = "/v23.0/104729/feed";
  /** The Page's own posts, where a retry looks: the feed also holds what visitors post on the Page. */
  private static final String POSTS = "/v23.0/104729/posts";
  private static final String URL = "https://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang";

  /** A Page feed holding an unrelated post and one whose message ends with {@code link}. */
  private static String feed(String id, String link) {
    return "{\"data\":[{\"id\":\"104729_1\",\"message\":\"Jadwal pasar murah\",\"created_time\":"
        + "\"2026-11-28T01:00:00+0000\"},{\"id\":\"" + id + "\",\"message\":\"Vaksinasi gratis\\n\\n" + link
        + "\",\"created_time\":\"2026-11-28T02:00:05+0000\"}]}";
  }

  @Test
  void readsAPostsMediaViewsReachReactionsCommentsAndSharesInOneCall() {
    graph.stubFor(get(urlPathEqualTo("/v23.0/104729_555")).willReturn(okJson("""
        {"shares":{"count":12},"comments":{"data":[],"summary":{"total_count":8}},
         "reactions":{"data":[],"summary":{"total_count":140}},
         "insights":{"data":[{"name":"post_media_view","period":"lifetime","values":[{"value":5321}]},
                             {"name":"post_total_media_view_unique","period":"lifetime","values":[{"value":4102}]}]},
         "id":"104729_555"}""")));

    assertThat(facebook.post("104729_555")).contains(new PostInsights(5321L, 4102L, 140L, 8L, 12L));
    graph.verify(getRequestedFor(urlPathEqualTo("/v23.0/104729_555")).withQueryParam("fields",
        equalTo("shares,comments.limit(0).summary(total_count),reactions.limit(0).summary(total_count),"
            + "insights.metric(post_media_view,post_total_media_view_unique)"))
        .withHeader("Authorization", equalTo("Bearer fb-page-token")));
  }

  @Test
  void aPostDeletedOnThePageHasNothingToMeasureWhileOtherRefusalsStayFailures() {
    graph.stubFor(get(urlPathEqualTo("/v23.0/104729_557")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody("""
            {"error":{"message":"Unsupported get request. Object with ID '104729_557' does not exist, cannot be loaded \
            due to missing permissions, or does not support this operation.","type":"GraphMethodException","code":100,
             "error_subcode":33,"fbtrace_id":"AbC"}}""")));
    graph.stubFor(get(urlPathEqualTo("/v23.0/104729_558")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody("""
            {"error":{"message":"(#100) Tried accessing nonexisting field (bogus)","type":"OAuthException","code":100,
             "fbtrace_id":"AbD"}}""")));

    assertThat(facebook.post("104729_557")).isEmpty();
    assertThat(catchThrowableOfType(DeliveryFailure.class, () -> facebook.post("104729_558")).reason())
        .isEqualTo(DeliveryFailure.REJECTED);
  }

  @Test
  void aPostNobodySharedHasNoSharesFieldAndCountsZero() {
    graph.stubFor(get(urlPathEqualTo("/v23.0/104729_556")).willReturn(okJson("""
        {"comments":{"data":[],"summary":{"total_count":0}},"reactions":{"data":[],"summary":{"total_count":3}},
         "insights":{"data":[]},"id":"104729_556"}""")));

    assertThat(facebook.post("104729_556")).contains(new PostInsights(null, null, 3L, 0L, 0L));
  }

  @Test
  void readsThePageFollowersAsPageFollows() {
    graph.stubFor(get(urlPathEqualTo("/v23.0/104729"))
        .willReturn(okJson("{\"followers_count\":33611,\"id\":\"104729\"}")));

    assertThat(facebook.followers()).contains(new FollowerCount("page_follows", 33611));
    graph.verify(getRequestedFor(urlPathEqualTo("/v23.0/104729")).withQueryParam("fields", equalTo("followers_count"))
        .withHeader("Authorization", equalTo("Bearer fb-page-token")));
  }
}
