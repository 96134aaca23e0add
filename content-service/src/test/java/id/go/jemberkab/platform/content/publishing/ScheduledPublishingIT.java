package id.go.jemberkab.platform.content.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.content.ContentServiceApplication;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.outbox.OutboxRelay;
import id.go.jemberkab.platform.testsupport.Backbone;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scheduled publishing across a restart: an item scheduled while the service ran, whose moment passed while it
 * was down, is published when the service starts again, once, with one event; a later start publishes nothing
 * more. While the service runs, a schedule fires on time.
 */
class ScheduledPublishingIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] EDITOR = {"X-Client-Id", "diskominfo", "X-Client-Scopes",
      "content:write content:publish"};

  @Test
  void anItemDueWhileTheServiceWasDownIsPublishedOnceAtTheNextStart() {
    String slug = "jadwal-" + UUID.randomUUID().toString().substring(0, 8);
    String id;
    Instant at;
    try (ConfigurableApplicationContext first = start("1h")) {
      String base = base(first);
      id = approved(base, slug);
      at = Instant.now().plusMillis(1500);
      HttpResponse<String> scheduled = Http.request("POST", base + "/api/v1/content/items/" + id + "/schedule",
          "{\"publishAt\":\"" + at + "\"}", EDITOR);
      assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
      assertThat(JSON.readTree(scheduled.body()).path("status").asString()).isEqualTo("scheduled");
      assertThat(Http.get(base + "/api/v1/content/" + slug).statusCode()).isEqualTo(404);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(at)); // the service is down now

    try (ConfigurableApplicationContext second = start("1h")) {
      // the periodic check is an hour away: only the catch-up at start can publish it
      await().atMost(Duration.ofSeconds(20)).until(() -> Http.get(base(second) + "/api/v1/content/" + slug)
          .statusCode() == 200);
      awaitOutboxEmpty(second);
    }
    try (ConfigurableApplicationContext third = start("200ms")) {
      awaitOutboxEmpty(third);
      assertThat(published(id)).as("published once, however many starts").hasSize(1);
      assertThat(JSON.readTree(Http.request("GET", base(third) + "/api/v1/content/items/" + id, null, EDITOR).body())
          .path("edition").asInt()).isEqualTo(1);

      // and while it runs, a schedule fires on time
      String onTime = approved(base(third), slug + "-b");
      Http.request("POST", base(third) + "/api/v1/content/items/" + onTime + "/schedule",
          "{\"publishAt\":\"" + Instant.now().plusSeconds(1) + "\"}", EDITOR);
      await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(base(third) + "/api/v1/content/" + slug + "-b")
          .statusCode() == 200);
    }
  }

  /**
   * Replicas race: every replica's check (or catch-up at start) finds the same due items at the same moment. Four
   * checks started together over forty due items publish each exactly once, with one event and one history entry.
   */
  @Test
  void replicasCheckingTogetherPublishEachDueItemOnce() throws Exception {
    try (ConfigurableApplicationContext replica = start("1h")) {
      String base = base(replica);
      String prefix = "serentak-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ids.add(approved(base, prefix + "-" + i));
      }
      // a moment still ahead once all forty are scheduled, however slow this machine is
      Instant at = Instant.now().plusSeconds(8);
      for (String id : ids) {
        assertThat(Http.request("POST", base + "/api/v1/content/items/" + id + "/schedule",
            "{\"publishAt\":\"" + at + "\"}", EDITOR).statusCode()).isEqualTo(200);
      }
      assertThat(Instant.now()).as("all scheduled before the moment").isBefore(at);
      await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(at));

      PublishingWorkflow workflow = replica.getBean(PublishingWorkflow.class);
      java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
      java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        List<java.util.concurrent.Future<?>> checks = new java.util.ArrayList<>();
        for (int r = 0; r < 4; r++) {
          checks.add(replicas.submit(() -> {
            together.await();
            workflow.publishDue();
            return null;
          }));
        }
        for (var check : checks) {
          check.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
      } finally {
        replicas.shutdownNow();
      }

      awaitOutboxEmpty(replica);
      MongoTemplate mongo = replica.getBean(MongoTemplate.class);
      java.util.Map<String, Long> events = TopicReader.readAll(Backbone.get().kafkaBootstrap(),
              Topics.CONTENT_ITEMS.name()).stream()
          .filter(r -> CloudEventHeaders.read(r).type().equals(EventType.CONTENT_PUBLISHED.type()))
          .collect(java.util.stream.Collectors.groupingBy(r -> r.key(), java.util.stream.Collectors.counting()));
      for (String id : ids) {
        ContentDocument doc = mongo.findById(id, ContentDocument.class);
        assertThat(doc.status()).as(id).isEqualTo("published");
        assertThat(doc.history()).as("%s history", id).hasSize(1);
        assertThat(events.get(id)).as("%s published once", id).isEqualTo(1);
      }
    }
  }

  private static String approved(String base, String slug) {
    HttpResponse<String> created = Http.request("POST", base + "/api/v1/content/items",
        ContentWorkflowIT.item(slug, "announcement", "Banjir"), EDITOR);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).path("id").asString();
    Http.request("POST", base + "/api/v1/content/items/" + id + "/submit", null, EDITOR);
    assertThat(Http.request("POST", base + "/api/v1/content/items/" + id + "/approve", null, EDITOR).statusCode())
        .isEqualTo(200);
    return id;
  }

  private static List<?> published(String id) {
    return TopicReader.readAll(Backbone.get().kafkaBootstrap(), Topics.CONTENT_ITEMS.name()).stream()
        .filter(r -> id.equals(r.key()))
        .filter(r -> CloudEventHeaders.read(r).type().equals(EventType.CONTENT_PUBLISHED.type())).toList();
  }

  private static void awaitOutboxEmpty(ConfigurableApplicationContext context) {
    MongoTemplate mongo = context.getBean(MongoTemplate.class);
    await().atMost(Duration.ofSeconds(20)).until(() -> mongo.count(OutboxRelay.pending(), ContentDocument.class) == 0);
  }

  private static ConfigurableApplicationContext start(String checkInterval) {
    Backbone backbone = Backbone.get();
    return new SpringApplicationBuilder(ContentServiceApplication.class).run(
        "--server.port=0", "--spring.kafka.bootstrap-servers=" + backbone.kafkaBootstrap(),
        "--spring.mongodb.uri=" + backbone.mongoUri(), "--spring.mongodb.database=content-schedule",
        "--platform.content.schedule-check-interval=" + checkInterval, "--platform.outbox.sweep-interval=200ms");
  }

  private static String base(ConfigurableApplicationContext context) {
    return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }
}
