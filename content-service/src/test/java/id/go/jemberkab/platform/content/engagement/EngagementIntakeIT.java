package id.go.jemberkab.platform.content.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.TopicReader;
import id.go.jemberkab.platform.testsupport.UsesBackbone;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engagement intake against a real broker and wire server: good, invalid, bot and replayed items in one
 * batch each get their own result, only the good ones reach Kafka, and nothing there can identify a visitor.
 */
@UsesBackbone
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngagementIntakeIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String IP = "203.0.113.77";
  private static final String BROWSER = "Mozilla/5.0 (Linux; Android 14; SM-A155F) Chrome/131.0 Mobile Safari/537.36";

  @LocalServerPort
  int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Autowired
  EngagementIntake intake;

  @Autowired
  MongoTemplate mongo;

  @Autowired
  org.springframework.kafka.core.KafkaTemplate<String, byte[]> kafka;

  @Autowired
  VisitorHashes visitors;

  @Test
  void aMixedBatchGetsAResultPerItemAndOnlyGoodItemsReachKafkaWithoutPersonalData() {
    String content = UUID.randomUUID().toString();
    String first = "it-" + UUID.randomUUID();
    String second = "it-" + UUID.randomUUID();
    String now = Instant.now().toString();
    // the call's trace context as the gateway passes it on, to follow into every event it causes
    String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
    String requestId = "req-" + UUID.randomUUID();
    HttpResponse<String> response = post(traceparent, requestId, """
        {"items":[
          {"id":"%1$s","contentId":"%2$s","channel":"web","action":"view","occurredAt":"%3$s","ip":"%4$s",
           "userAgent":"%5$s","kecamatanCode":"35.09.19"},
          {"id":"%6$s","contentId":"%2$s","channel":"web","action":"like","occurredAt":"%3$s","ip":"%4$s",
           "userAgent":"%5$s"},
          {"id":"it-bad-channel","contentId":"%2$s","channel":"tiktok","action":"view","occurredAt":"%3$s"},
          {"id":"it-no-time-1","contentId":"%2$s","channel":"youtube","action":"watch","watchSeconds":-3},
          {"id":"it-crawler-1","contentId":"%2$s","channel":"web","action":"view","occurredAt":"%3$s",
           "ip":"66.249.66.1","userAgent":"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
          {"id":"%1$s","contentId":"%2$s","channel":"web","action":"view","occurredAt":"%3$s","ip":"%4$s",
           "userAgent":"%5$s"},
          "not an object",
          {"id":"it-huge-watch","contentId":"%2$s","channel":"youtube","action":"watch","occurredAt":"%3$s",
           "watchSeconds":99999999999999999999999},
          {"id":"it-regency-1","contentId":"%2$s","channel":"web","action":"view","occurredAt":"%3$s",
           "kecamatanCode":"35.09"},
          {"id":"it-misspelt-1","contentId":"%2$s","channel":"web","action":"view","occurredAt":"%3$s",
           "kecamatancode":"35.09.19","referrer":"x","sessionId":"y"}
        ]}""".formatted(first, content, now, IP, BROWSER, second));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("results").valueStream().map(r -> r.path("status").asString()).toList())
        .containsExactly("accepted", "accepted", "invalid", "invalid", "bot", "duplicate", "invalid", "invalid",
            "invalid", "invalid");
    assertThat(body.path("accepted").asInt()).isEqualTo(2);
    assertThat(body.path("results").get(2).path("errors").get(0).path("field").asString())
        .isEqualTo("items[2].channel");
    assertThat(body.path("results").get(3).path("errors").valueStream().map(e -> e.path("field").asString()).toList())
        .contains("items[3].occurredAt", "items[3].watchSeconds");
    assertThat(body.path("results").get(7).path("errors").get(0).path("field").asString())
        .as("past a long's range").isEqualTo("items[7].watchSeconds");
    assertThat(body.path("results").get(8).path("errors").get(0).path("field").asString())
        .as("the regency, not a kecamatan").isEqualTo("items[8].kecamatanCode");
    assertThat(body.path("results").get(9).path("errors").get(0).path("code").asString())
        .as("a misspelt field is reported, not dropped").isEqualTo("unknown-field");
    assertThat(body.path("results").get(9).path("errors")).as("one error for all three unknown fields").hasSize(1);
    HttpResponse<String> extra = post("{\"items\":[],\"extra\":true}");
    assertThat(extra.statusCode()).as(extra.body()).isEqualTo(400);
    assertThat(extra.body()).contains("unknown-field");

    // a replay of the whole batch later: the good items are duplicates now
    HttpResponse<String> replay = post("{\"items\":[{\"id\":\"" + second + "\",\"contentId\":\"" + content
        + "\",\"channel\":\"web\",\"action\":\"like\",\"occurredAt\":\"" + now + "\"}]}");
    assertThat(JSON.readTree(replay.body()).path("results").get(0).path("status").asString()).isEqualTo("duplicate");

    List<ConsumerRecord<String, byte[]>> events = await().atMost(Duration.ofSeconds(20)).until(
        () -> TopicReader.readAll(bootstrap, Topics.CONTENT_ENGAGEMENT.name()).stream()
            .filter(r -> content.equals(r.key())).toList(), l -> l.size() >= 2);
    assertThat(events).hasSize(2);
    EventSchemas schemas = EventSchemas.load();
    for (ConsumerRecord<String, byte[]> event : events) {
      var cloudEvent = CloudEventHeaders.read(event);
      assertThat(cloudEvent.type()).isEqualTo(EventType.ENGAGEMENT_RECORDED.type());
      assertThat(schemas.violations(EventType.ENGAGEMENT_RECORDED, cloudEvent.data())).isEmpty();
      assertThat(header(event, CloudEventHeaders.TRACEPARENT)).isEqualTo(traceparent);
      assertThat(header(event, "traceparent")).isEqualTo(traceparent);
      assertThat(header(event, CloudEventHeaders.REQUEST_ID)).isEqualTo(requestId);
      String everything = new String(event.value(), StandardCharsets.UTF_8) + event.headers();
      assertThat(everything).doesNotContain(IP).doesNotContain("Android").doesNotContain("Chrome");
    }
    List<String> hashes = events.stream().map(e -> JSON.readTree(e.value()).path("visitorHash").asString()).toList();
    assertThat(hashes.get(0)).matches("[0-9a-f]{32}").as("the same visitor today, the same hash").isEqualTo(hashes.get(1));
    assertThat(events.stream().map(e -> CloudEventHeaders.read(e).id()).toList())
        .containsExactlyInAnyOrder(published(first, second));
  }

  @Test
  void replayIdsPastTheRetentionAreForgottenAndCountAgain() {
    String content = UUID.randomUUID().toString();
    String old = "it-old-" + UUID.randomUUID();
    String fresh = "it-fresh-" + UUID.randomUUID();
    for (String id : List.of(old, fresh)) {
      assertThat(status(post(view(id, content)))).isEqualTo("accepted");
    }
    assertThat(status(post(view(old, content)))).isEqualTo("duplicate");
    mongo.updateFirst(Query.query(Criteria.where("_id").is(old)),
        Update.update("at", Date.from(Instant.now().minus(Duration.ofDays(3)))), EngagementIntake.IDS);

    assertThat(intake.forgetExpired()).isGreaterThanOrEqualTo(1);

    assertThat(mongo.exists(Query.query(Criteria.where("_id").is(old)), EngagementIntake.IDS)).isFalse();
    assertThat(mongo.exists(Query.query(Criteria.where("_id").is(fresh)), EngagementIntake.IDS)).isTrue();
    assertThat(status(post(view(old, content)))).as("forgotten: taken as new").isEqualTo("accepted");
    assertThat(status(post(view(fresh, content)))).isEqualTo("duplicate");
  }

  /**
   * Ids are each client's own: two producers numbering their events alike (the portal and a channel's relay both
   * at {@code evt-00000001}) are two events. Taken as one, the second was answered duplicate and lost.
   */
  @Test
  void theSameIdFromTwoClientsIsTwoEventsAndFromOneClientADuplicate() {
    String content = UUID.randomUUID().toString();
    String id = "evt-" + UUID.randomUUID().toString().substring(0, 8);
    String url = "http://localhost:" + port + "/api/v1/content/engagement";
    assertThat(status(Http.request("POST", url, view(id, content), "Content-Type", "application/json",
        "X-Client-Id", "portal"))).isEqualTo("accepted");
    assertThat(status(Http.request("POST", url, view(id, content), "Content-Type", "application/json",
        "X-Client-Id", "youtube-relay"))).as("another client's event").isEqualTo("accepted");
    assertThat(status(Http.request("POST", url, view(id, content), "Content-Type", "application/json",
        "X-Client-Id", "portal"))).as("the portal's again").isEqualTo("duplicate");

    List<ConsumerRecord<String, byte[]>> events = await().atMost(Duration.ofSeconds(20)).until(
        () -> TopicReader.readAll(bootstrap, Topics.CONTENT_ENGAGEMENT.name()).stream()
            .filter(r -> content.equals(r.key())).toList(), l -> l.size() >= 2);
    List<String> published = events.stream().map(e -> CloudEventHeaders.read(e).id()).toList();
    assertThat(published).as("consumers deduplicate on ce_id").doesNotHaveDuplicates()
        .noneMatch(e -> e.contains(id)).allMatch(e -> UUID.fromString(e).version() == 8);
    // the same id on a resend, also from another instance: what consumers deduplicate on
    EventIds again = new EventIds(mongo);
    assertThat(published).containsExactlyInAnyOrder(again.of("portal/" + id), again.of("youtube-relay/" + id));
  }

  /** The CloudEvents ids the items of these ids are published under. */
  private String[] published(String... ids) {
    EventIds eventIds = new EventIds(mongo);
    return java.util.Arrays.stream(ids).map(eventIds::of).toArray(String[]::new);
  }

  private static String view(String id, String content) {
    return "{\"items\":[{\"id\":\"" + id + "\",\"contentId\":\"" + content + "\",\"channel\":\"web\","
        + "\"action\":\"view\",\"occurredAt\":\"" + Instant.now() + "\"}]}";
  }

  private static String status(HttpResponse<String> response) {
    return JSON.readTree(response.body()).path("results").get(0).path("status").asString();
  }

  @Test
  void badBodiesGetProblemResponsesNever5xx() {
    String tooMany = "{\"items\":[" + String.join(",", java.util.Collections.nCopies(1001, "{}")) + "]}";
    for (String bad : List.of("not json", "{}", "{\"items\":[]}", "{\"items\":{}}", "[]", "null", tooMany)) {
      HttpResponse<String> response = post(bad);
      assertThat(response.statusCode()).as(bad.substring(0, Math.min(bad.length(), 30))).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }
  }

  @Test
  void anItemWhoseFirstAttemptDiedBeforeTheBrokerAnsweredIsPublishedOnceWhenResent() {
    String content = UUID.randomUUID().toString();
    String orphan = "it-" + UUID.randomUUID();
    String busy = "it-" + UUID.randomUUID();
    // what a content-service killed between remembering an id and the broker's answer leaves behind, and what a
    // request still waiting for the broker looks like
    Date twoMinutesAgo = Date.from(Instant.now().minusSeconds(120));
    String dead = UUID.randomUUID().toString();
    String waiting = UUID.randomUUID().toString();
    mongo.insert(new org.bson.Document("_id", dead).append("at", twoMinutesAgo), EngagementIntake.IN_FLIGHT);
    mongo.insert(new org.bson.Document("_id", waiting).append("at", new Date()), EngagementIntake.IN_FLIGHT);
    mongo.insert(new org.bson.Document("_id", orphan).append("at", twoMinutesAgo).append("flight", dead),
        EngagementIntake.IDS);
    mongo.insert(new org.bson.Document("_id", busy).append("at", new Date()).append("flight", waiting),
        EngagementIntake.IDS);
    String batch = "{\"items\":[" + item(orphan, content) + "," + item(busy, content) + "]}";

    // the orphan twice in one resend: published once, the second copy a duplicate
    HttpResponse<String> first = post("{\"items\":[" + item(orphan, content) + "," + item(busy, content) + ","
        + item(orphan, content) + "]}");
    assertThat(first.statusCode()).as("the other request's item is not acknowledged yet: send it again").isEqualTo(503);
    assertThat(JSON.readTree(first.body()).path("results").valueStream().map(r -> r.path("status").asString())
        .toList()).as("the orphan is published; the other request may still fail").containsExactly("accepted",
            "unavailable", "duplicate");
    assertThat(mongo.findById(orphan, org.bson.Document.class, EngagementIntake.IDS).getDate("at"))
        .as("remembered from its publication on, for the whole retention").isAfter(Date.from(Instant.now()
            .minusSeconds(30)));
    // the other request ends: the broker acknowledged its item
    mongo.remove(Query.query(Criteria.where("_id").is(waiting)), EngagementIntake.IN_FLIGHT);
    assertThat(JSON.readTree(post(batch).body()).path("results").valueStream().map(r -> r.path("status").asString())
        .toList()).as("published now").containsExactly("duplicate", "duplicate");
    List<ConsumerRecord<String, byte[]>> events = await().atMost(Duration.ofSeconds(20)).until(
        () -> TopicReader.readAll(bootstrap, Topics.CONTENT_ENGAGEMENT.name()).stream()
            .filter(r -> content.equals(r.key())).toList(), l -> !l.isEmpty());
    assertThat(events.stream().map(e -> CloudEventHeaders.read(e).id()).toList()).containsExactly(published(orphan));
  }

  /**
   * MongoDB failing midway through a batch (after the ids were remembered, before the broker had them) ends the
   * request with an error, and the caller sends again: the resend is published, not answered duplicate.
   */
  @Test
  void aBatchThatFailedMidwayIsPublishedWhenResent() {
    String content = UUID.randomUUID().toString();
    String id = "it-" + UUID.randomUUID();
    java.util.concurrent.atomic.AtomicInteger blips = new java.util.concurrent.atomic.AtomicInteger(1);
    MongoTemplate flaky = new MongoTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter()) {
      @Override
      public <T> List<T> find(Query query, Class<T> type, String collection) {
        if (EngagementIntake.IDS.equals(collection) && blips.getAndDecrement() > 0) {
          throw new org.springframework.dao.DataAccessResourceFailureException("MongoDB stepped down");
        }
        return super.find(query, type, collection);
      }
    };
    EngagementIntake failing = intakeOver(flaky);
    // the repeated id makes the intake look up what it remembered: that is where MongoDB fails
    List<JsonNode> batch = List.of(JSON.readTree(item(id, content)), JSON.readTree(item(id, content)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.take(batch))
        .isInstanceOf(org.springframework.dao.DataAccessResourceFailureException.class);

    HttpResponse<String> resent = post("{\"items\":[" + item(id, content) + "]}");
    assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
    assertThat(JSON.readTree(resent.body()).path("results").get(0).path("status").asString()).isEqualTo("accepted");
  }

  /**
   * MongoDB failing as a resend takes an orphaned id over: nothing of the batch may be with the producer by then, or
   * the cleanup would forget an item the broker goes on to acknowledge, and the next resend would publish it twice.
   */
  @Test
  void aFailureWhileTakingAnOrphanOverSendsNothing() {
    String content = UUID.randomUUID().toString();
    String fresh = "it-" + UUID.randomUUID();
    String orphan = "it-" + UUID.randomUUID();
    String dead = UUID.randomUUID().toString();
    Date twoMinutesAgo = Date.from(Instant.now().minusSeconds(120));
    mongo.insert(new org.bson.Document("_id", dead).append("at", twoMinutesAgo), EngagementIntake.IN_FLIGHT);
    mongo.insert(new org.bson.Document("_id", orphan).append("at", twoMinutesAgo).append("flight", dead),
        EngagementIntake.IDS);
    MongoTemplate flaky = new MongoTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter()) {
      @Override
      public com.mongodb.client.result.UpdateResult updateFirst(Query query,
          org.springframework.data.mongodb.core.query.UpdateDefinition update, String collection) {
        throw new org.springframework.dao.DataAccessResourceFailureException("MongoDB stepped down");
      }
    };
    EngagementIntake failing = intakeOver(flaky);
    List<JsonNode> batch = List.of(JSON.readTree(item(fresh, content)), JSON.readTree(item(orphan, content)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.take(batch))
        .isInstanceOf(org.springframework.dao.DataAccessResourceFailureException.class);

    HttpResponse<String> resent = post("{\"items\":[" + item(fresh, content) + "," + item(orphan, content) + "]}");
    assertThat(JSON.readTree(resent.body()).path("results").valueStream().map(r -> r.path("status").asString())
        .toList()).containsExactly("accepted", "accepted");
    List<ConsumerRecord<String, byte[]>> events = await().atMost(Duration.ofSeconds(20)).until(
        () -> TopicReader.readAll(bootstrap, Topics.CONTENT_ENGAGEMENT.name()).stream()
            .filter(r -> content.equals(r.key())).toList(), l -> l.size() >= 2);
    assertThat(events.stream().map(e -> CloudEventHeaders.read(e).id()).toList()).as("each once")
        .containsExactlyInAnyOrder(published(fresh, orphan));
  }

  /**
   * MongoDB failing to remove the request's in-flight record after the broker acknowledged everything: the caller
   * still gets its 202, and a resend after the record would count as orphaned is a duplicate, not a second event.
   */
  @Test
  void anAcknowledgedBatchStaysAcknowledgedWhenItsInFlightRecordCannotBeRemoved() {
    String content = UUID.randomUUID().toString();
    String id = "it-" + UUID.randomUUID();
    MongoTemplate flaky = new MongoTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter()) {
      @Override
      public com.mongodb.client.result.DeleteResult remove(Query query, String collection) {
        if (EngagementIntake.IN_FLIGHT.equals(collection)) {
          throw new org.springframework.dao.DataAccessResourceFailureException("MongoDB stepped down");
        }
        return super.remove(query, collection);
      }
    };
    EngagementIntake intakeWithBlip = intakeOver(flaky);

    assertThat(intakeWithBlip.take(List.of(JSON.readTree(item(id, content)))))
        .extracting(EngagementIntake.Result::status).containsExactly("accepted");
    // the record left behind grows old enough to be taken for a dead request's
    mongo.updateMulti(new Query(), Update.update("at", Date.from(Instant.now().minusSeconds(120))),
        EngagementIntake.IN_FLIGHT);
    HttpResponse<String> resent = post("{\"items\":[" + item(id, content) + "]}");
    assertThat(JSON.readTree(resent.body()).path("results").get(0).path("status").asString()).isEqualTo("duplicate");
  }

  @Test
  void optionalFieldsOfAnotherTypeThanTextOrNoAddressMakeTheirItemInvalid() {
    String content = UUID.randomUUID().toString();
    String now = Instant.now().toString();
    String run = UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> response = post("{\"items\":["
        + typed(run, 1, content, now, "\"kecamatanCode\":3509") + ","
        + typed(run, 2, content, now, "\"userAgent\":[\"Googlebot/2.1\"]") + ","
        + typed(run, 3, content, now, "\"ip\":203") + ","
        + typed(run, 4, content, now, "\"visitorId\":42") + ","
        + typed(run, 5, content, now, "\"visitorId\":null") + ","
        + typed(run, 6, content, now, "\"ip\":\"203.0.113.7:443\"") + "]}");

    JsonNode results = JSON.readTree(response.body()).path("results");
    assertThat(results.valueStream().map(r -> r.path("status").asString()).toList())
        .containsExactly("invalid", "invalid", "invalid", "invalid", "accepted", "invalid");
    assertThat(results.valueStream().filter(r -> r.path("status").asString().equals("invalid"))
        .map(r -> r.path("errors").get(0).path("field").asString()).toList())
        .containsExactly("items[0].kecamatanCode", "items[1].userAgent", "items[2].ip", "items[3].visitorId",
            "items[5].ip");
  }

  private static String typed(String run, int n, String content, String now, String field) {
    return "{\"id\":\"it-type-" + n + "-" + run + "\",\"contentId\":\"" + content + "\",\"channel\":\"web\","
        + "\"action\":\"view\",\"occurredAt\":\"" + now + "\"," + field + "}";
  }

  /** The intake over a MongoDB that fails where the test says, with the service's own broker and visitor keys. */
  private EngagementIntake intakeOver(MongoTemplate store) {
    return new EngagementIntake(store, kafka, visitors, JSON, java.time.Clock.systemUTC(),
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), Duration.ofDays(2));
  }

  private static String item(String id, String content) {
    return "{\"id\":\"" + id + "\",\"contentId\":\"" + content + "\",\"channel\":\"web\",\"action\":\"view\","
        + "\"occurredAt\":\"" + Instant.now() + "\"}";
  }

  private HttpResponse<String> post(String json) {
    return Http.post("http://localhost:" + port + "/api/v1/content/engagement", json);
  }

  private HttpResponse<String> post(String traceparent, String requestId, String json) {
    return Http.request("POST", "http://localhost:" + port + "/api/v1/content/engagement", json,
        "traceparent", traceparent, "X-Request-Id", requestId);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
