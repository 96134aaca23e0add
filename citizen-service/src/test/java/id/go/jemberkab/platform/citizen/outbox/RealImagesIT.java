package id.go.jemberkab.platform.citizen.outbox;

import id.go.jemberkab.platform.outbox.OutboxRelay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.localstack.TopicProvisioner;
import id.go.jemberkab.platform.testsupport.Backbone;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.SampleCitizens;
import id.go.jemberkab.platform.testsupport.TopicReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The outbox on the production engines: MongoDB 8 as a replica set and Apache Kafka, from their pinned
 * images. Skipped where no Docker engine runs; the embedded backbone covers the same flow there.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "platform.outbox.sweep-interval=200ms")
class RealImagesIT {

  @Container
  static final MongoDBContainer mongo = new MongoDBContainer(Backbone.MONGO_IMAGE).withReplicaSet();

  @Container
  static final KafkaContainer kafka = new KafkaContainer(Backbone.KAFKA_IMAGE);

  @LocalServerPort
  int port;

  @Autowired
  MongoTemplate template;

  @DynamicPropertySource
  static void engines(DynamicPropertyRegistry registry) {
    registry.add("spring.mongodb.uri", mongo::getReplicaSetUrl);
    registry.add("spring.kafka.bootstrap-servers", () -> {
      TopicProvisioner.createMissing(kafka.getBootstrapServers(), Topics.all(), (short) 1);
      return kafka.getBootstrapServers();
    });
  }

  @Test
  void publishesAndClearsTheOutboxOnMongoDbAndKafka() {
    String body = SampleCitizens.registration("35.09.19.1001");
    assertThat(Http.post("http://localhost:" + port + "/api/v1/citizens", body).statusCode()).isEqualTo(201);
    assertThat(Http.post("http://localhost:" + port + "/api/v1/citizens", body).statusCode()).isEqualTo(409);

    await().atMost(Duration.ofSeconds(30)).until(() ->
        template.count(OutboxRelay.pending(), "citizens") == 0);
    assertThat(TopicReader.readAll(kafka.getBootstrapServers(), "citizen.registry.v1")).hasSize(1);
  }
}
