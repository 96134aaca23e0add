package id.go.jemberkab.platform.content.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.UsesBackbone;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake with its producer pointed where no broker answers: an item is accepted only once the broker
 * acknowledged it, so here a good item is {@code unavailable} in a 503 problem response, beside the per-item
 * results of the rest, and its id is not kept: the client's resend is not taken for a replay.
 */
@UsesBackbone
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.producer.bootstrap-servers=127.0.0.1:1", "spring.kafka.producer.properties.max.block.ms=1000"})
class EngagementBrokerDownIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Autowired
  MongoTemplate mongo;

  @Test
  void withoutTheBrokersAcknowledgementNothingIsAcceptedAndTheResendIsNoReplay() {
    String id = "down-" + UUID.randomUUID();
    String batch = """
        {"items":[
          {"id":"%s","contentId":"%s","channel":"web","action":"view","occurredAt":"%s"},
          {"id":"down-bad","contentId":"x","channel":"tiktok","action":"view","occurredAt":"%3$s"}
        ]}""".formatted(id, UUID.randomUUID(), Instant.now());

    for (int attempt = 1; attempt <= 2; attempt++) {
      HttpResponse<String> response = Http.post("http://localhost:" + port + "/api/v1/content/engagement", batch);
      assertThat(response.statusCode()).as("attempt %d: %s", attempt, response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("results").valueStream().map(r -> r.path("status").asString()).toList())
          .as("attempt %d", attempt).containsExactly("unavailable", "invalid");
      assertThat(body.path("unavailable").asInt()).isEqualTo(1);
      assertThat(body.path("accepted").asInt()).isZero();
      assertThat(mongo.exists(Query.query(Criteria.where("_id").is(id)), EngagementIntake.IDS))
          .as("an unacknowledged id is not remembered").isFalse();
    }
  }

  /**
   * Forty good items while no broker has ever answered: each hand-off would wait max.block.ms (1 s here) in turn,
   * 40 s in all, past the 30 s a client waits. After the first, the rest are answered at once.
   */
  @Test
  void aBatchDoesNotWaitForTheAbsentBrokerOnceForEachItem() {
    String content = UUID.randomUUID().toString();
    String now = Instant.now().toString();
    java.util.List<String> ids = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "down-many-" + UUID.randomUUID())
        .toList();
    String batch = ids.stream().map(id -> "{\"id\":\"" + id + "\",\"contentId\":\"" + content
        + "\",\"channel\":\"web\",\"action\":\"view\",\"occurredAt\":\"" + now + "\"}")
        .collect(java.util.stream.Collectors.joining(",", "{\"items\":[", "]}"));

    HttpResponse<String> response = Http.post("http://localhost:" + port + "/api/v1/content/engagement", batch);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(JSON.readTree(response.body()).path("unavailable").asInt()).isEqualTo(40);
    assertThat(mongo.exists(Query.query(Criteria.where("_id").in(ids)), EngagementIntake.IDS))
        .as("no unacknowledged id is remembered").isFalse();
  }
}
