package id.go.jemberkab.platform.analytics.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.contracts.citizen.CitizenRegistered;
import id.go.jemberkab.platform.contracts.content.ChannelFollowersMeasured;
import id.go.jemberkab.platform.contracts.content.ChannelPostMeasured;
import id.go.jemberkab.platform.contracts.content.ContentPublished;
import id.go.jemberkab.platform.contracts.content.EngagementRecorded;
import id.go.jemberkab.platform.contracts.registration.RegistrationConfirmed;
import id.go.jemberkab.platform.contracts.registration.RegistrationWaitlisted;
import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestStatusChanged;
import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestSubmitted;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.Scratch;
import id.go.jemberkab.platform.testsupport.TopicReader;
import id.go.jemberkab.platform.testsupport.UsesBackbone;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * From events produced to a real broker, through the exactly-once topology and the read model, to the query
 * API and the live stream; a replay ends with the same numbers; poison goes to the dead-letter topic and
 * can be replayed; bad parameters get problem responses.
 */
@UsesBackbone
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsViewsIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static String stateDir;

  @DynamicPropertySource
  static void stateDir(DynamicPropertyRegistry registry) throws Exception {
    String dir = Scratch.directory("analytics-views").toString();
    stateDir = dir;
    registry.add("platform.analytics.state-dir", () -> dir);
  }

  @LocalServerPort
  int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void producer() {
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void close() {
    producer.close();
  }

  @Test
  void producedEventsReachTheQueryApiAndTheLiveStreamAndAReplayEndsWithTheSameNumbers() throws Exception {
    ConcurrentLinkedQueue<String> live = new ConcurrentLinkedQueue<>();
    HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(url("/api/v1/analytics/stream/engagement")))
        .build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(live::add));

    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    String item = UUID.randomUUID().toString();
    String event = UUID.randomUUID().toString();
    String opd = "OPD-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    String id = send(Topics.CONTENT_ENGAGEMENT.name(), item, EventType.ENGAGEMENT_RECORDED,
        new EngagementRecorded(item, event, "youtube", "view", hour.plusSeconds(5), visitor(1), null, null), null);
    send(Topics.CONTENT_ENGAGEMENT.name(), item, EventType.ENGAGEMENT_RECORDED,
        new EngagementRecorded(item, event, "youtube", "view", hour.plusSeconds(5), visitor(1), null, null), id);
    send(Topics.CONTENT_ENGAGEMENT.name(), item, EventType.ENGAGEMENT_RECORDED,
        new EngagementRecorded(item, null, "youtube", "like", hour.plusSeconds(9), visitor(2), "35.09.19", null), null);
    send(Topics.CONTENT_ITEMS.name(), item, EventType.CONTENT_PUBLISHED, new ContentPublished(item, "product",
        "kopi-robusta-sidomulyo", "Kopi Robusta Sidomulyo", null, 1, List.of("umkm"), List.of("35.09.14"),
        List.of("web", "youtube"), null, hour), null);
    send(Topics.CONTENT_ENGAGEMENT.name(), "web", EventType.CHANNEL_FOLLOWERS_MEASURED,
        new ChannelFollowersMeasured("web", "subscribers", 1234, Instant.now()), null);
    send(Topics.CONTENT_ENGAGEMENT.name(), item, EventType.CHANNEL_POST_MEASURED,
        new ChannelPostMeasured(item, "youtube", "dQw4w9WgXcQ", 1500L, null, 90L, 4L, null, hour), null);
    for (int i = 0; i < 6; i++) {
      String request = UUID.randomUUID().toString();
      Instant submitted = hour.minus(Duration.ofDays(1));
      send(Topics.CITIZEN_SERVICE_REQUESTS.name(), request, EventType.SERVICE_REQUEST_SUBMITTED,
          new ServiceRequestSubmitted(request, "PJU-MATI", opd, "35.09.21", null, false, submitted,
              submitted.plus(Duration.ofDays(2))), null);
      if (i % 2 == 0) {
        send(Topics.CITIZEN_SERVICE_REQUESTS.name(), request, EventType.SERVICE_REQUEST_STATUS_CHANGED,
            new ServiceRequestStatusChanged(request, "PJU-MATI", opd, "35.09.21", "accepted", "resolved",
                submitted.plus(Duration.ofHours(6L * (i + 1))), submitted, submitted.plus(Duration.ofDays(2)), true),
            null);
      }
    }
    send(Topics.CITIZEN_REGISTRATIONS.name(), event, EventType.REGISTRATION_CONFIRMED,
        new RegistrationConfirmed(UUID.randomUUID().toString(), event, null, 1, false, hour), null);
    send(Topics.CITIZEN_REGISTRATIONS.name(), event, EventType.REGISTRATION_WAITLISTED,
        new RegistrationWaitlisted(UUID.randomUUID().toString(), event, null, 1, 1, hour), null);

    String engagement = "/api/v1/analytics/engagement?scope=content&key=" + item + "&window=1h&from="
        + hour.minusSeconds(1) + "&to=" + hour.plusSeconds(3600);
    await().atMost(PATIENCE).untilAsserted(() -> {
      JsonNode rows = body(engagement).path("items");
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).path("views").asLong()).isEqualTo(1);
      assertThat(rows.get(0).path("likes").asLong()).isEqualTo(1);
      assertThat(rows.get(0).path("uniqueVisitors").asLong()).isEqualTo(2);
    });
    String requests = "/api/v1/analytics/service-requests?groupBy=opd&week=all";
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(row(requests, "key", opd))
        .isEqualTo(JSON.readTree("""
            {"dimension":"opd","key":"%s","week":"all","submitted":6,"open":3,"overdue":0,"resolved":3,
             "resolvedWithinSla":3,"slaShare":1.0,"medianResolveHours":18.0,"p90ResolveHours":30.0,
             "suppressed":false}""".formatted(opd))));
    String funnel = "/api/v1/analytics/registration-funnel/" + event;
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(body(funnel)).isEqualTo(JSON.readTree("""
        {"eventId":"%s","capacity":1,"registered":2,"confirmed":1,"waitlisted":1,"offered":0,"promoted":0,
         "cancelled":0,"checkedIn":0,"overflowViews":1}""".formatted(event))));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(row("/api/v1/analytics/followers", "channel", "web")
        .path("followers").asLong()).isEqualTo(1234));
    await().atMost(PATIENCE).untilAsserted(() -> {
      JsonNode post = row("/api/v1/analytics/posts?channel=youtube&contentId=" + item, "contentId", item);
      assertThat(post.path("externalId").asString()).isEqualTo("dQw4w9WgXcQ");
      assertThat(post.path("engagements").asLong()).isEqualTo(94);
      assertThat(post.path("engagementRate").isNull()).as("YouTube reports no reach").isTrue();
      assertThat(post.path("title").asString()).isEqualTo("Kopi Robusta Sidomulyo");
    });
    String top = "/api/v1/analytics/engagement/top?metric=likes&window=1h&limit=100&from=" + hour.minusSeconds(1)
        + "&to=" + hour.plusSeconds(3600);
    await().atMost(PATIENCE).untilAsserted(() -> {
      JsonNode ranked = row(top, "contentId", item);
      assertThat(ranked.path("total").asLong()).isEqualTo(1);
      assertThat(ranked.path("title").asString()).isEqualTo("Kopi Robusta Sidomulyo");
      assertThat(ranked.path("status").asString()).isEqualTo("published");
    });
    await().atMost(PATIENCE).until(() -> live.stream().anyMatch(l -> l.startsWith("data:") && l.contains(item)));

    HttpResponse<String> csv = Http.request("GET", url(requests + "&format=csv"), null);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body().lines().toList()).first().isEqualTo("dimension,key,week,submitted,open,overdue,resolved,"
        + "resolvedWithinSla,slaShare,medianResolveHours,p90ResolveHours,suppressed");
    assertThat(csv.body()).contains("opd," + opd + ",all,6,3,0,3,3,1.0,18.0,30.0,false");
    String prometheus = Http.get(url("/actuator/prometheus")).body();
    assertThat(prometheus).contains("analytics_channel_followers{application=\"analytics-service\",channel=\"web\"} 1234.0")
        .contains("analytics_service_requests_open{application=\"analytics-service\",opd=\"" + opd + "\"} 3.0")
        .contains("analytics_engagement_total{action=\"view\"").contains("kafka_consumer_fetch_manager_records_lag");

    JsonNode before = withoutUpdatedAt(body(engagement));
    JsonNode requestsBefore = row(requests, "key", opd);
    JsonNode funnelBefore = body(funnel);
    HttpResponse<String> replay = Http.post(url("/api/v1/analytics/replay"), "");
    assertThat(replay.statusCode()).isEqualTo(202);
    long generation = JSON.readTree(replay.body()).path("generation").asLong();
    assertThat(generation).isGreaterThan(1);
    java.nio.file.Path oldState = java.nio.file.Path.of(stateDir, "analytics-views-g" + (generation - 1));
    await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(withoutUpdatedAt(body(engagement))).isEqualTo(before);
      assertThat(row(requests, "key", opd)).isEqualTo(requestsBefore);
      assertThat(body(funnel)).isEqualTo(funnelBefore);
    });
    assertThat(oldState).as("the old generation's local state, never read again").doesNotExist();
  }

  /**
   * As after an outage, when one partition's events are read hours ahead of another's: an event three hours older
   * than the newest one of its channel still counts in its minute (the configured grace, a day, covers it).
   */
  @Test
  void engagementReadHoursAfterNewerEventsOfItsChannelStillCountsInItsMinute() throws Exception {
    Instant now = Instant.now();
    Instant earlier = now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES).plusSeconds(7);
    String newer = UUID.randomUUID().toString();
    send(Topics.CONTENT_ENGAGEMENT.name(), newer, EventType.ENGAGEMENT_RECORDED,
        new EngagementRecorded(newer, null, "instagram", "share", now, visitor(3), null, null), null);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(body("/api/v1/analytics/engagement?scope=content&key="
        + newer + "&window=1m&from=" + now.minusSeconds(60) + "&to=" + now.plusSeconds(60)).path("items")).hasSize(1));

    String older = UUID.randomUUID().toString();
    send(Topics.CONTENT_ENGAGEMENT.name(), older, EventType.ENGAGEMENT_RECORDED,
        new EngagementRecorded(older, null, "instagram", "share", earlier, visitor(4), null, null), null);

    String minute = "/api/v1/analytics/engagement?scope=channel&key=instagram&window=1m&from=" + earlier.minusSeconds(8)
        + "&to=" + earlier.plusSeconds(53);
    await().atMost(PATIENCE).untilAsserted(() -> {
      JsonNode rows = body(minute).path("items");
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).path("shares").asLong()).isEqualTo(1);
    });
  }

  @Test
  void citizenRegistrationsKeepTheirShapeAndHideSmallCells() throws Exception {
    String registry = Topics.CITIZEN_REGISTRY.name();
    for (int i = 0; i < 6; i++) {
      String ref = citizenRef();
      CitizenRegistered registered = new CitizenRegistered(ref, "35.09.01", i < 5 ? "35.09.01.2001" : "35.09.01.2002",
          Instant.parse("2026-11-27T03:15:42Z"));
      String id = send(registry, ref, EventType.CITIZEN_REGISTERED, registered, null);
      send(registry, ref, EventType.CITIZEN_REGISTERED, registered, id);
    }
    await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(row("/api/v1/analytics/citizen-registrations?groupBy=kecamatan", "code", "35.09.01"))
          .isEqualTo(JSON.readTree("{\"code\":\"35.09.01\",\"name\":\"Jombang\",\"count\":6,\"suppressed\":false}"));
      assertThat(row("/api/v1/analytics/citizen-registrations?groupBy=desa", "code", "35.09.01.2002"))
          .isEqualTo(JSON.readTree("{\"code\":\"35.09.01.2002\",\"name\":\"Keting\",\"count\":null,"
              + "\"suppressed\":true}"));
      // its 5 would give Keting's 1 away as Jombang's 6 less 5: hidden with it
      assertThat(row("/api/v1/analytics/citizen-registrations?groupBy=desa", "code", "35.09.01.2001")
          .path("suppressed").asBoolean()).isTrue();
    });
  }

  @Test
  void poisonGoesToTheDeadLetterTopicAndCanBeReplayed() throws Exception {
    String key = "poison-" + UUID.randomUUID();
    ProducerRecord<String, byte[]> bad = record(Topics.CITIZEN_REGISTRY.name(), key, EventType.CITIZEN_REGISTERED,
        "{\"citizenRef\":\"not-hex\"}".getBytes(StandardCharsets.UTF_8), UUID.randomUUID().toString());
    producer.send(bad).get();
    String dlt = Topics.CITIZEN_REGISTRY.deadLetter().name();
    await().atMost(PATIENCE).until(() -> TopicReader.readAll(bootstrap, dlt).stream()
        .filter(r -> key.equals(r.key())).count() == 1);

    HttpResponse<String> replayed = Http.post(url("/api/v1/analytics/dead-letters/replay?topic="
        + Topics.CITIZEN_REGISTRY.name()), "");
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(replayed.body()).path("replayed").asInt()).isPositive();
    // still broken: it comes back once more, and a second replay does not send it again
    await().atMost(PATIENCE).until(() -> TopicReader.readAll(bootstrap, dlt).stream()
        .filter(r -> key.equals(r.key())).count() == 2);
  }

  /**
   * Dead letters in several partitions all go back. The replay read one partition at a time while every poll
   * fetched from all of them: what came for the others was dropped, their positions moved past it, and it was
   * never sent back (the next partition's replay started after it).
   */
  @Test
  void everyPartitionsDeadLettersGoBack() throws Exception {
    String topic = Topics.CITIZEN_SERVICE_REQUESTS.name();
    String dlt = Topics.CITIZEN_SERVICE_REQUESTS.deadLetter().name();
    String run = UUID.randomUUID().toString();
    int partitions = producer.partitionsFor(dlt).size();
    assertThat(partitions).as("a topic of several partitions").isGreaterThan(1);
    for (int p = 0; p < partitions; p++) {
      for (int i = 0; i < 300; i++) {
        ProducerRecord<String, byte[]> letter = record(dlt, run + "-" + p + "-" + i, EventType.SERVICE_REQUEST_SUBMITTED,
            "{\"poison\":true}".getBytes(StandardCharsets.UTF_8), UUID.randomUUID().toString());
        producer.send(new ProducerRecord<>(dlt, p, letter.key(), letter.value(), letter.headers()));
      }
    }
    producer.flush();

    HttpResponse<String> replayed = Http.post(url("/api/v1/analytics/dead-letters/replay?topic=" + topic), "");
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    long back = TopicReader.readAll(bootstrap, topic).stream().filter(r -> r.key() != null && r.key().startsWith(run))
        .count();
    assertThat(back).isEqualTo(300L * partitions);
  }

  /**
   * A view row the read model cannot read goes to its view's dead-letter topic, and the rows after it in the same
   * partition are still written.
   */
  @Test
  void anUnreadableViewRowIsDeadLetteredAndTheRowsAfterItAreWritten(@Autowired Generations generations)
      throws Exception {
    String topic = Topics.ANALYTICS_FOLLOWERS.name();
    String day = "2020-0" + (1 + new java.util.Random().nextInt(9)) + "-1" + new java.util.Random().nextInt(10);
    String bad = "youtube|bad-" + UUID.randomUUID();
    byte[] good = JSON.writeValueAsBytes(new id.go.jemberkab.platform.contracts.analytics.ChannelFollowers("youtube",
        java.time.LocalDate.parse(day), "subscriberCount", 777, null, Instant.parse(day + "T05:00:00Z")));
    for (var row : List.of(Map.entry(bad, "not a row".getBytes(StandardCharsets.UTF_8)), Map.entry("youtube|" + day,
        good))) {
      ProducerRecord<String, byte[]> record = CloudEventHeaders.toRecord(topic, row.getKey(), new CloudEvent(
          UUID.randomUUID().toString(), URI.create("urn:test"), EventType.CHANNEL_FOLLOWERS.type(), row.getKey(),
          OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON, row.getValue()));
      ProducerRecord<String, byte[]> inPartition0 = new ProducerRecord<>(topic, 0, record.key(), record.value(),
          record.headers());
      inPartition0.headers().add(ViewTopology.GENERATION_HEADER,
          Long.toString(generations.current()).getBytes(StandardCharsets.UTF_8));
      producer.send(inPartition0).get();
    }

    await().atMost(PATIENCE).until(() -> TopicReader.readAll(bootstrap, topic + ".dlt").stream()
        .anyMatch(r -> bad.equals(r.key())));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(row("/api/v1/analytics/followers?from=" + day + "&to="
        + day, "channel", "youtube").path("followers").asLong()).isEqualTo(777));
  }

  @Test
  void badQueryParametersGetProblemResponses() {
    for (String bad : List.of("/api/v1/analytics/engagement?window=2h", "/api/v1/analytics/engagement?scope=desa",
        "/api/v1/analytics/engagement?from=yesterday", "/api/v1/analytics/engagement?size=0",
        "/api/v1/analytics/engagement?from=2026-11-28T00:00:00Z&to=2026-11-27T00:00:00Z",
        "/api/v1/analytics/engagement/top?limit=1000", "/api/v1/analytics/engagement/top?metric=salary",
        "/api/v1/analytics/service-requests?week=48", "/api/v1/analytics/service-requests?groupBy=nik",
        "/api/v1/analytics/service-requests?week=2026-W99", "/api/v1/analytics/service-requests?week=2025-W53",
        "/api/v1/analytics/citizen-registrations?groupBy=provinsi", "/api/v1/analytics/followers?format=xml",
        "/api/v1/analytics/followers?from=last-week", "/api/v1/analytics/followers?to=-999999999-01-01",
        "/api/v1/analytics/followers?to=%2B10000-01-01", "/api/v1/analytics/followers?channel=tiktok",
        "/api/v1/analytics/posts?contentId=Kopi-Robusta", "/api/v1/analytics/posts?channel=web",
        "/api/v1/analytics/posts?sort=salary", "/api/v1/analytics/stream/citizens",
        // work without bound: a skip of a hundred million rows, a year of one-minute windows
        "/api/v1/analytics/engagement?page=100000&size=1000", "/api/v1/analytics/posts?page=100&size=1000",
        "/api/v1/analytics/engagement?window=1m&from=2025-11-01T00:00:00Z&to=2026-11-01T00:00:00Z",
        "/api/v1/analytics/engagement/top?window=1h&from=0001-01-01T00:00:00Z")) {
      HttpResponse<String> response = Http.get(url(bad));
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).as(bad).contains("application/problem+json");
      assertThat(JSON.readTree(response.body()).path("errors").get(0).path("field").asString()).as(bad).isNotBlank();
    }
    assertThat(Http.post(url("/api/v1/analytics/dead-letters/replay?topic=nope"), "").statusCode()).isEqualTo(400);
    assertThat(Http.post(url("/api/v1/analytics/dead-letters/replay?topic=" + Topics.ANALYTICS_ENGAGEMENT.name()), "")
        .statusCode()).as("a view's rows are rebuilt, never sent again one by one").isEqualTo(400);
    assertThat(Http.get(url("/api/v1/analytics/registration-funnel/" + UUID.randomUUID())).statusCode())
        .isEqualTo(404);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private JsonNode body(String path) {
    HttpResponse<String> response = Http.get(url(path));
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode row(String path, String field, String value) {
    return body(path).path("items").valueStream().filter(i -> value.equals(i.path(field).asString())).findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + field + " = " + value + " in " + path));
  }

  private static JsonNode withoutUpdatedAt(JsonNode page) {
    page.path("items").valueStream().forEach(i -> ((ObjectNode) i).remove("updatedAt"));
    return page;
  }

  private String send(String topic, String key, EventType type, Record data, String id) throws Exception {
    String eventId = id != null ? id : UUID.randomUUID().toString();
    producer.send(record(topic, key, type, JSON.writeValueAsBytes(data), eventId)).get();
    return eventId;
  }

  private static ProducerRecord<String, byte[]> record(String topic, String key, EventType type, byte[] data,
      String id) {
    return CloudEventHeaders.toRecord(topic, key, new CloudEvent(id, URI.create("urn:test"), type.type(), key,
        OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON, data));
  }

  private static String visitor(int n) {
    return "%032x".formatted(n);
  }

  private static String citizenRef() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
