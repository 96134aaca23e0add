package id.go.jemberkab.platform.content.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.TopicReader;
import id.go.jemberkab.platform.testsupport.UsesBackbone;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery of published items to a Facebook Page that fails, played by WireMock behind the real Graph adapter:
 * an unavailable channel is retried until it recovers, a refused post waits for an editor, each attempt leaves
 * its event, and the follower poller publishes the Page's {@code page_follows}.
 */
@UsesBackbone
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.mongodb.database=content-delivery", "platform.content.delivery.interval=200ms",
    "platform.content.delivery.first-pause=300ms", "platform.content.delivery.max-attempts=20",
    "platform.content.delivery.batch=2",
    "platform.content.insights.initial-delay=1h",
    "platform.content.channels.facebook.mode=graph", "platform.content.channels.facebook.page-id=104729",
    "platform.content.channels.facebook.access-token=test-token",
    "platform.content.channels.resilience.retry.initial-wait=20ms",
    "platform.content.channels.resilience.circuit-breaker.wait-in-open=500ms",
    "platform.content.channels.resilience.circuit-breaker.minimum-calls=4",
    "platform.content.channels.resilience.circuit-breaker.window=4"})
class ChannelDeliveryIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] EDITOR = {"X-Client-Id", "diskominfo", "X-Client-Scopes",
      "content:write content:publish"};
  private static final WireMockServer FACEBOOK = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    FACEBOOK.start();
    // what an attempt after a failed one looks for first, the post the failed one may have made: none, but where
    // a test says otherwise
    FACEBOOK.stubFor(get(urlPathEqualTo("/v23.0/104729/posts")).atPriority(10).willReturn(okJson("{\"data\":[]}")));
  }

  @DynamicPropertySource
  static void facebook(DynamicPropertyRegistry registry) {
    registry.add("platform.content.channels.facebook.base-url", FACEBOOK::baseUrl);
  }

  @AfterAll
  static void stop() {
    FACEBOOK.stop();
  }

  @LocalServerPort
  int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Autowired
  InsightPoller poller;

  @Autowired
  org.springframework.data.mongodb.core.MongoTemplate mongo;

  @Autowired
  ChannelAdapters adapters;

  @Autowired
  io.micrometer.core.instrument.MeterRegistry meters;

  /** Each test starts with a closed breaker: the failures one test provokes are not the next one's to wait out. */
  @org.junit.jupiter.api.BeforeEach
  void closeBreakers() {
    adapters.http().circuitBreakers().getAllCircuitBreakers()
        .forEach(io.github.resilience4j.circuitbreaker.CircuitBreaker::reset);
  }

  @Test
  void anUnavailablePageIsRetriedUntilItRecoversAndEachAttemptIsReported() {
    String slug = "page-down-" + UUID.randomUUID().toString().substring(0, 8);
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(aResponse().withStatus(503)));
    String id = publish(slug);

    JsonNode retrying = await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id), d ->
        "retrying".equals(d.path("status").asString()) && d.path("attempts").asInt() >= 2);
    assertThat(retrying.path("lastReason").asString()).isIn("unavailable", "circuit-open");
    assertThat(retrying.path("nextAttemptAt").isString()).isTrue();

    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(okJson("{\"id\":\"104729_9001\"}")));
    JsonNode delivered = await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id),
        d -> "delivered".equals(d.path("status").asString()));
    assertThat(delivered.path("externalId").asString()).isEqualTo("104729_9001");

    List<CloudEvent> events = deliveryEvents(id, 3);
    assertThat(events.get(0).type()).isEqualTo(EventType.CHANNEL_DELIVERY_FAILED.type());
    assertThat(events.get(events.size() - 1).type()).isEqualTo(EventType.CHANNEL_DELIVERY_SUCCEEDED.type());
    assertThat(events.stream().filter(e -> e.type().equals(EventType.CHANNEL_DELIVERY_SUCCEEDED.type()))).hasSize(1);
  }

  /**
   * The Page made the post but answered 500, and could not be asked about it within that attempt: the next attempt
   * finds the post instead of posting the edition twice.
   */
  @Test
  void aPostMadeByAFailedAttemptIsFoundByTheNextOneAndNotPostedTwice() {
    String slug = "made-anyway-" + UUID.randomUUID().toString().substring(0, 8);
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .inScenario(slug).whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500))
        .willSetStateTo("made"));
    FACEBOOK.stubFor(get(urlPathEqualTo("/v23.0/104729/posts")).inScenario(slug).whenScenarioStateIs("made")
        .atPriority(1).willReturn(aResponse().withStatus(503)));
    String id = publish(slug);

    JsonNode retrying = await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id),
        d -> "retrying".equals(d.path("status").asString()));
    assertThat(retrying.path("attempts").asInt()).isPositive();

    String link = "https://jemberkab.go.id/berita/" + slug;
    FACEBOOK.stubFor(get(urlPathEqualTo("/v23.0/104729/posts")).inScenario(slug).whenScenarioStateIs("made")
        .atPriority(1).willReturn(okJson("{\"data\":[{\"id\":\"104729_9100\",\"message\":\"Jalan Kencong diperbaiki\\n\\n"
            + link + "\"}]}")));
    JsonNode delivered = await().atMost(Duration.ofSeconds(30)).until(() -> delivery(id),
        d -> "delivered".equals(d.path("status").asString()));

    assertThat(delivered.path("externalId").asString()).isEqualTo("104729_9100");
    assertThat(FACEBOOK.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug)))).as("posted once").hasSize(1);
  }

  @Test
  void aRefusedPostWaitsForAnEditorWhoseRetryDeliversIt() {
    String slug = "page-refuses-" + UUID.randomUUID().toString().substring(0, 8);
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"(#100) Invalid link\",\"code\":100}}")));
    String id = publish(slug);

    JsonNode failed = await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id),
        d -> "failed".equals(d.path("status").asString()));
    assertThat(failed.path("lastReason").asString()).isEqualTo("rejected");
    assertThat(failed.path("attempts").asInt()).as("a refused post is not retried on its own").isEqualTo(1);
    assertThat(FACEBOOK.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug)))).hasSize(1);
    CloudEvent reported = deliveryEvents(id, 1).get(0);
    JsonNode data = JSON.readTree(reported.data());
    assertThat(data.path("reason").asString()).isEqualTo("rejected");
    assertThat(data.path("nextAttemptAt").isNull()).as("nobody retries it but an editor").isTrue();

    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(okJson("{\"id\":\"104729_9002\"}")));
    HttpResponse<String> author = Http.request("POST", base() + "/api/v1/content/items/" + id
        + "/deliveries/facebook/retry", null, "X-Client-Id", "humas", "X-Client-Scopes", "content:write");
    assertThat(author.statusCode()).isEqualTo(403);
    HttpResponse<String> retried = Http.request("POST", base() + "/api/v1/content/items/" + id
        + "/deliveries/facebook/retry", null, EDITOR);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    assertThat(await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id),
        d -> "delivered".equals(d.path("status").asString())).path("externalId").asString()).isEqualTo("104729_9002");
  }

  /**
   * An editor takes Facebook off a published item while its post is on its way, and puts it back before the Page
   * answered: the attempt under way is the delivery again and its post is recorded; no second post is made.
   */
  @Test
  void aChannelTakenOffAndPutBackWhileItsPostIsOnItsWayIsPostedOnce() {
    String slug = "channel-back-" + UUID.randomUUID().toString().substring(0, 8);
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(okJson("{\"id\":\"104729_7007\"}").withFixedDelay(4000)));
    String id = publish(slug);
    await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id),
        d -> "delivering".equals(d.path("status").asString()));

    String items = base() + "/api/v1/content/items/" + id;
    for (String channels : List.of("[]", "[\"facebook\"]")) {
      HttpResponse<String> edited = Http.request("PUT", items, """
          {"type":"news","slug":"%s","title":{"id":"Jalan Kencong diperbaiki"},"body":{"id":"Perbaikan jalan."},
           "channels":%s,"changeNote":"Saluran diubah","major":false}""".formatted(slug, channels),
          EDITOR[0], EDITOR[1], EDITOR[2], EDITOR[3], "If-Match",
          Http.request("GET", items, null, EDITOR).headers().firstValue("ETag").orElseThrow());
      assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    }
    assertThat(delivery(id).path("status").asString()).isEqualTo("delivering");

    JsonNode delivered = await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id),
        d -> "delivered".equals(d.path("status").asString()));
    assertThat(delivered.path("externalId").asString()).isEqualTo("104729_7007");
    // a round after the first one ended would have found a fresh delivery and posted again
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> FACEBOOK.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/v23.0/104729/feed"))
            .withRequestBody(containing(slug))).size(), n -> n == 1);
  }

  /**
   * An editor takes Facebook off a published item while its post keeps failing: the waiting delivery is cancelled
   * and the Page, once it recovers, gets no post; Instagram, added in the same edition, gets its delivery.
   */
  @Test
  void aChannelTakenOffAPublishedItemIsNotPostedToAndOneAddedIs() {
    String slug = "channel-off-" + UUID.randomUUID().toString().substring(0, 8);
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(aResponse().withStatus(503)));
    String id = publish(slug);
    await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id), d -> "retrying".equals(d.path("status").asString()));

    String items = base() + "/api/v1/content/items/" + id;
    // an attempt claimed between the editor's read and write makes the write a 412 (the delivery changed): the
    // editor reads again, as any client of If-Match does
    HttpResponse<String> edited = await().atMost(Duration.ofSeconds(20)).until(() -> Http.request("PUT", items, """
        {"type":"news","slug":"%s","title":{"id":"Jalan Kencong diperbaiki"},"body":{"id":"Perbaikan jalan."},
         "channels":["instagram"],"changeNote":"Hanya di Instagram","major":false}""".formatted(slug),
        EDITOR[0], EDITOR[1], EDITOR[2], EDITOR[3], "If-Match",
        Http.request("GET", items, null, EDITOR).headers().firstValue("ETag").orElseThrow()), r -> r.statusCode() != 412);
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    assertThat(delivery(id).path("status").asString()).isEqualTo("cancelled");
    int attempts = FACEBOOK.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))).size();

    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(okJson("{\"id\":\"104729_9009\"}")));
    await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(Http.request("GET", items, null, EDITOR).body())
        .path("deliveries").path("instagram").path("status").asString(), "delivered"::equals);
    assertThat(delivery(id).path("status").asString()).isEqualTo("cancelled");
    assertThat(FACEBOOK.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug)))).hasSize(attempts);
  }

  /**
   * Corrected while published (which posts nothing), taken down and published again: the edition put back was
   * public before, and the post Facebook has stands. Before, the edition differing from the posted one made a
   * fresh delivery, and the Page got the article twice.
   */
  @Test
  void anItemCorrectedWhilePublishedThenTakenDownAndPutBackIsNotPostedAgain() {
    String slug = "put-back-" + UUID.randomUUID().toString().substring(0, 8);
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(okJson("{\"id\":\"104729_7100\"}")));
    String id = publish(slug);
    await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id), d -> "delivered".equals(d.path("status").asString()));
    String items = base() + "/api/v1/content/items/" + id;
    HttpResponse<String> corrected = Http.request("PUT", items, """
        {"type":"news","slug":"%s","title":{"id":"Jalan Kencong diperbaiki"},"body":{"id":"Perbaikan jalan, salah ketik."},
         "channels":["facebook"],"changeNote":"Salah ketik","major":false}""".formatted(slug),
        EDITOR[0], EDITOR[1], EDITOR[2], EDITOR[3], "If-Match",
        Http.request("GET", items, null, EDITOR).headers().firstValue("ETag").orElseThrow());
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
    HttpResponse<String> withdrawn = Http.request("POST", items + "/unpublish",
        "{\"reason\":\"withdrawn\",\"notice\":\"Ditarik sebentar.\"}", EDITOR);
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    HttpResponse<String> republished = Http.request("POST", items + "/publish", null, EDITOR);
    assertThat(republished.statusCode()).as(republished.body()).isEqualTo(200);

    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> FACEBOOK.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/v23.0/104729/feed"))
            .withRequestBody(containing(slug))).size(), n -> n == 1);
    assertThat(delivery(id).path("status").asString()).isEqualTo("delivered");
    assertThat(delivery(id).path("externalId").asString()).isEqualTo("104729_7100");
  }

  /**
   * Taken off after an attempt that timed out (the Page may have made the post) and put back: the delivery goes on
   * and looks for that post first, where a fresh one would have posted a second time.
   */
  @Test
  void aChannelPutBackAfterAnAttemptThatMayHavePostedLooksForThatPostFirst() {
    String slug = "tried-then-back-" + UUID.randomUUID().toString().substring(0, 8);
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(aResponse().withStatus(503)));
    String id = publish(slug);
    await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id), d -> "retrying".equals(d.path("status").asString()));
    String items = base() + "/api/v1/content/items/" + id;
    for (String channels : List.of("[]", "[\"facebook\"]")) {
      HttpResponse<String> edited = await().atMost(Duration.ofSeconds(20)).until(() -> Http.request("PUT", items, """
          {"type":"news","slug":"%s","title":{"id":"Jalan Kencong diperbaiki"},"body":{"id":"Perbaikan jalan."},
           "channels":%s,"changeNote":"Saluran diubah","major":false}""".formatted(slug, channels),
          EDITOR[0], EDITOR[1], EDITOR[2], EDITOR[3], "If-Match",
          Http.request("GET", items, null, EDITOR).headers().firstValue("ETag").orElseThrow()),
          r -> r.statusCode() != 412);
      assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    }
    // the Page made the post after all; the next attempt finds it
    var made = FACEBOOK.stubFor(get(urlPathEqualTo("/v23.0/104729/posts")).atPriority(1).willReturn(okJson(
        "{\"data\":[{\"id\":\"104729_7200\",\"message\":\"Jalan Kencong diperbaiki\\n\\n"
            + "https://jemberkab.go.id/berita/" + slug + "\"}]}")));
    try {
      FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
          .willReturn(okJson("{\"id\":\"104729_7201\"}")));
      int posts = FACEBOOK.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
          urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))).size();

      JsonNode delivered = await().atMost(Duration.ofSeconds(30)).until(() -> delivery(id),
          d -> "delivered".equals(d.path("status").asString()));
      assertThat(delivered.path("externalId").asString()).isEqualTo("104729_7200");
      assertThat(FACEBOOK.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
          urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug)))).hasSize(posts);
    } finally {
      FACEBOOK.removeStub(made);
    }
  }

  /**
   * Withdrawn with its Facebook delivery waiting, then edited without Facebook and published again: the waiting
   * delivery is cancelled, not sent with the new edition to a channel the editor took off.
   */
  @Test
  void aChannelTakenOffWhileTheItemWasDownIsNotPostedWhenItIsPublishedAgain() {
    String slug = "taken-off-while-down-" + UUID.randomUUID().toString().substring(0, 8);
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(aResponse().withStatus(503)));
    String id = publish(slug);
    await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id), d -> "retrying".equals(d.path("status").asString()));
    String items = base() + "/api/v1/content/items/" + id;
    HttpResponse<String> withdrawn = Http.request("POST", items + "/unpublish",
        "{\"reason\":\"withdrawn\",\"notice\":\"Ditarik untuk diperbaiki.\"}", EDITOR);
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    HttpResponse<String> edited = Http.request("PUT", items, """
        {"type":"news","slug":"%s","title":{"id":"Jalan Kencong diperbaiki"},"body":{"id":"Perbaikan jalan, jadwal baru."},
         "channels":[],"changeNote":"Tanpa Facebook","major":false}""".formatted(slug),
        EDITOR[0], EDITOR[1], EDITOR[2], EDITOR[3], "If-Match", withdrawn.headers().firstValue("ETag").orElseThrow());
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(okJson("{\"id\":\"104729_9011\"}")));
    int attempts = FACEBOOK.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))).size();

    Http.request("POST", items + "/submit", null, EDITOR);
    Http.request("POST", items + "/approve", null, EDITOR);
    HttpResponse<String> republished = Http.request("POST", items + "/publish", null, EDITOR);
    assertThat(republished.statusCode()).as(republished.body()).isEqualTo(200);

    // the portal's delivery of the new edition is made; Facebook's waiting one is not
    await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(Http.request("GET", items, null, EDITOR).body())
        .path("deliveries").path("web").path("status").asString(), "delivered"::equals);
    assertThat(delivery(id).path("status").asString()).isEqualTo("cancelled");
    assertThat(FACEBOOK.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug)))).hasSize(attempts);
  }

  @Test
  void waitingDeliveriesOfWithdrawnItemsDoNotHoldUpTheOthers() {
    // more withdrawn items with a waiting delivery than one round takes (platform.content.delivery.batch=2)
    for (int i = 0; i < 3; i++) {
      String slug = "withdrawn-" + UUID.randomUUID().toString().substring(0, 8);
      FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
          .willReturn(aResponse().withStatus(503)));
      String id = publish(slug);
      await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id),
          d -> "retrying".equals(d.path("status").asString()));
      HttpResponse<String> withdrawn = Http.request("POST", base() + "/api/v1/content/items/" + id + "/unpublish",
          "{\"reason\":\"withdrawn\",\"notice\":\"Ditarik untuk diperbaiki.\"}", EDITOR);
      assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    }
    String slug = "after-withdrawn-" + UUID.randomUUID().toString().substring(0, 8);
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(okJson("{\"id\":\"104729_9003\"}")));
    String id = publish(slug);
    assertThat(await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id),
        d -> "delivered".equals(d.path("status").asString())).path("externalId").asString()).isEqualTo("104729_9003");
  }

  /** A round of the poller waits on slow channels on a thread of its own, not on the service's scheduler thread. */
  @Test
  void aPollerRoundRunsBesideTheSchedulerNotOnIt() {
    var slow = FACEBOOK.stubFor(get(urlPathEqualTo("/v23.0/104729")).atPriority(1)
        .willReturn(okJson("{\"followers_count\":33604,\"id\":\"104729\"}").withFixedDelay(1500)));
    try {
      mongo.remove(new org.springframework.data.mongodb.core.query.Query(), InsightPoller.ROUNDS);
      poller.tick();
      assertThat(poller.polling()).as("tick returned while the round waits for the Page").isTrue();
      await().atMost(Duration.ofSeconds(60)).until(() -> !poller.polling());
    } finally {
      FACEBOOK.removeStub(slow);
    }
  }

  /** Of two replicas ticking in the same interval, one asks the channels; the next interval's first tick, again. */
  @Test
  void oneReplicaTakesEachRoundOfThePoller() {
    mongo.remove(new org.springframework.data.mongodb.core.query.Query(), InsightPoller.ROUNDS);
    assertThat(poller.takeRound()).as("the first replica").isTrue();
    assertThat(poller.takeRound()).as("the other replica, in the same interval").isFalse();
    // the lease runs out before the next interval begins
    mongo.updateFirst(new org.springframework.data.mongodb.core.query.Query(),
        org.springframework.data.mongodb.core.query.Update.update("until",
            java.util.Date.from(java.time.Instant.now().minusSeconds(1))), InsightPoller.ROUNDS);
    assertThat(poller.takeRound()).as("the next interval").isTrue();
    assertThat(poller.takeRound()).isFalse();
  }

  @Test
  void thePollerPublishesEachChannelsFollowersUnderTodaysMetricNames() {
    FACEBOOK.stubFor(get(urlPathEqualTo("/v23.0/104729")).willReturn(okJson("{\"followers_count\":33604,\"id\":\"104729\"}")));
    // by position: the topic has several partitions, and a new record need not come after every old one read
    java.util.Set<String> before = TopicReader.readAll(bootstrap, Topics.CONTENT_ENGAGEMENT.name()).stream()
        .map(r -> r.partition() + ":" + r.offset()).collect(java.util.stream.Collectors.toSet());
    poller.poll();
    List<ConsumerRecord<String, byte[]>> snapshots = TopicReader.readAll(bootstrap, Topics.CONTENT_ENGAGEMENT.name())
        .stream().filter(r -> !before.contains(r.partition() + ":" + r.offset())).filter(r -> CloudEventHeaders.read(r).type()
            .equals(EventType.CHANNEL_FOLLOWERS_MEASURED.type())).toList();
    EventSchemas schemas = EventSchemas.load();
    snapshots.forEach(r -> assertThat(schemas.violations(EventType.CHANNEL_FOLLOWERS_MEASURED,
        CloudEventHeaders.read(r).data())).isEmpty());
    JsonNode facebook = snapshots.stream().filter(r -> "facebook".equals(r.key())).map(r -> JSON.readTree(r.value()))
        .findFirst().orElseThrow();
    assertThat(facebook.path("metric").asString()).isEqualTo("page_follows");
    assertThat(facebook.path("followers").asLong()).isEqualTo(33604);
    JsonNode instagram = snapshots.stream().filter(r -> "instagram".equals(r.key())).map(r -> JSON.readTree(r.value()))
        .findFirst().orElseThrow();
    assertThat(instagram.path("metric").asString()).as("the sandbox answers for Instagram").isEqualTo("followers_count");
  }

  @Test
  void thePollerPublishesTheFiguresOfEachRecentlyDeliveredPost() {
    String slug = "figures-" + UUID.randomUUID().toString().substring(0, 8);
    String postId = "104729_" + (10_000 + new java.util.Random().nextInt(80_000));
    FACEBOOK.stubFor(post(urlPathEqualTo("/v23.0/104729/feed")).withRequestBody(containing(slug))
        .willReturn(okJson("{\"id\":\"" + postId + "\"}")));
    FACEBOOK.stubFor(get(urlPathEqualTo("/v23.0/" + postId)).willReturn(okJson("""
        {"shares":{"count":12},"comments":{"data":[],"summary":{"total_count":8}},
         "reactions":{"data":[],"summary":{"total_count":140}},
         "insights":{"data":[{"name":"post_media_view","period":"lifetime","values":[{"value":5321}]},
                             {"name":"post_total_media_view_unique","period":"lifetime","values":[{"value":4102}]}]}}""")));
    String id = publish(slug);
    await().atMost(Duration.ofSeconds(20)).until(() -> delivery(id), d -> "delivered".equals(d.path("status").asString()));

    poller.poll();

    List<ConsumerRecord<String, byte[]>> snapshots = TopicReader.readAll(bootstrap, Topics.CONTENT_ENGAGEMENT.name())
        .stream().filter(r -> id.equals(r.key())).toList();
    assertThat(snapshots).hasSize(1);
    CloudEvent event = CloudEventHeaders.read(snapshots.get(0));
    assertThat(event.type()).isEqualTo(EventType.CHANNEL_POST_MEASURED.type());
    assertThat(EventSchemas.load().violations(EventType.CHANNEL_POST_MEASURED, event.data())).isEmpty();
    JsonNode figures = JSON.readTree(event.data());
    assertThat(figures.path("contentId").asString()).isEqualTo(id);
    assertThat(figures.path("externalId").asString()).isEqualTo(postId);
    assertThat(figures.path("views").asLong()).isEqualTo(5321);
    assertThat(figures.path("reach").asLong()).isEqualTo(4102);
    assertThat(figures.path("reactions").asLong()).isEqualTo(140);
    assertThat(figures.path("shares").asLong()).isEqualTo(12);
    // the item went to the portal too, which has no post figures: not asked, so not counted as gone
    assertThat(meters.find("content.insights.posts").tag("channel", "web").counters()).isEmpty();
  }

  private String publish(String slug) {
    String body = """
        {"type":"news","slug":"%s","title":{"id":"Jalan Kencong diperbaiki"},"body":{"id":"Perbaikan jalan."},
         "channels":["facebook"]}""".formatted(slug);
    HttpResponse<String> created = Http.request("POST", base() + "/api/v1/content/items", body, EDITOR);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).path("id").asString();
    Http.request("POST", base() + "/api/v1/content/items/" + id + "/submit", null, EDITOR);
    Http.request("POST", base() + "/api/v1/content/items/" + id + "/approve", null, EDITOR);
    HttpResponse<String> published = Http.request("POST", base() + "/api/v1/content/items/" + id + "/publish", null,
        EDITOR);
    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    return id;
  }

  private JsonNode delivery(String id) {
    return JSON.readTree(Http.request("GET", base() + "/api/v1/content/items/" + id, null, EDITOR).body())
        .path("deliveries").path("facebook");
  }

  /** The item's Facebook delivery events once at least {@code atLeast} are on the topic, each schema-checked. */
  private List<CloudEvent> deliveryEvents(String id, int atLeast) {
    EventSchemas schemas = EventSchemas.load();
    List<CloudEvent> events = await().atMost(Duration.ofSeconds(20)).until(() -> TopicReader.readAll(bootstrap,
            Topics.CONTENT_ITEMS.name()).stream().filter(r -> id.equals(r.key())).map(CloudEventHeaders::read)
        .filter(e -> e.type().startsWith("id.go.jemberkab.content.delivery-"))
        .filter(e -> "facebook".equals(JSON.readTree(e.data()).path("channel").asString())).toList(),
        l -> l.size() >= atLeast);
    events.forEach(e -> assertThat(schemas.violations(EventType.of(e.type()).orElseThrow(), e.data())).isEmpty());
    return events;
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
