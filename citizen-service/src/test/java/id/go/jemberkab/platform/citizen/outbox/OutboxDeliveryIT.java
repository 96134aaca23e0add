package id.go.jemberkab.platform.citizen.outbox;

import id.go.jemberkab.platform.outbox.OutboxRelay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.localstack.KafkaBroker;
import id.go.jemberkab.platform.testsupport.Backbone;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.SampleCitizens;
import id.go.jemberkab.platform.testsupport.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Nothing acknowledged is lost when Kafka is down: writes are accepted and published after it returns. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.mongodb.database=outbox-delivery", "platform.outbox.sweep-interval=200ms", "platform.outbox.full-sweep-interval=1s"})
class OutboxDeliveryIT {

  private static final KafkaBroker broker = Backbone.privateBroker();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Autowired
  MongoTemplate mongo;

  @DynamicPropertySource
  static void backbone(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    registry.add("spring.mongodb.uri", () -> Backbone.get().mongoUri());
  }

  @AfterAll
  static void stopBroker() {
    broker.stop();
  }

  @Test
  void acceptsFiftyRegistrationsWhileTheBrokerIsDownAndPublishesEachExactlyOnceAfterItReturns() {
    broker.stop();

    Set<String> citizenRefs = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> response = Http.post("http://localhost:" + port + "/api/v1/citizens",
          SampleCitizens.registration("35.09.19.1001"));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      citizenRefs.add(JSON.readTree(response.body()).path("citizenRef").asString());
    }
    assertThat(citizenRefs).hasSize(50);
    assertThat(mongo.count(pending(), "citizens")).isEqualTo(50);

    broker.start();

    await().atMost(Duration.ofSeconds(60)).until(() -> mongo.count(pending(), "citizens") == 0);
    List<ConsumerRecord<String, byte[]>> records =
        TopicReader.readAll(broker.bootstrapServers(), "citizen.registry.v1");
    assertThat(records).hasSize(50);
    assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(citizenRefs);
    assertThat(records).extracting(r -> CloudEventHeaders.read(r).id()).doesNotHaveDuplicates();
  }

  private static Query pending() {
    return OutboxRelay.pending();
  }
}
