package id.go.jemberkab.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@UsesBackbone
@SpringJUnitConfig(BackboneTest.Empty.class)
class BackboneTest {

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Value("${spring.mongodb.uri}")
  String mongoUri;

  @Test
  void handsTheContextAWorkingBrokerWithTheDeclaredTopicsAndAWorkingMongo() throws Exception {
    assertThat(bootstrap).isEqualTo(Backbone.get().kafkaBootstrap());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("gateway.access.v1", "probe",
          "backbone-test".getBytes(StandardCharsets.UTF_8))).get();
    }
    assertThat(TopicReader.readAll(bootstrap, "gateway.access.v1"))
        .anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("backbone-test"));

    try (MongoClient client = MongoClients.create(mongoUri)) {
      client.getDatabase("backbone-test").getCollection("probe").insertOne(new Document("_id", 1));
      assertThat(client.getDatabase("backbone-test").getCollection("probe").countDocuments()).isEqualTo(1);
    }
  }

  @Configuration
  static class Empty {
  }
}
