package id.go.jemberkab.platform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import id.go.jemberkab.platform.contracts.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

  @TempDir
  Path data;

  @Test
  void brokerCreatesTheDeclaredTopicsAndKeepsRecordsAcrossARestart() throws Exception {
    int port = freePort();
    int controller = freePort();
    try (KafkaBroker broker = new KafkaBroker("127.0.0.1", port, controller, data.resolve("kafka")).start()) {
      assertThat(TopicProvisioner.createMissing(broker.bootstrapServers(), Topics.all(), (short) 1))
          .hasSize(Topics.all().size());
      assertThat(TopicProvisioner.createMissing(broker.bootstrapServers(), Topics.all(), (short) 1)).isEmpty();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        assertThat(admin.describeTopics(List.of("citizen.registry.v1")).allTopicNames().get()
            .get("citizen.registry.v1").partitions()).hasSize(Topics.CITIZEN_REGISTRY.partitions());
      }
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
          new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("gateway.access.v1", 0, "k", "before restart")).get();
      }
      broker.stop();
      broker.start();
      assertThat(readAll(broker.bootstrapServers(), new TopicPartition("gateway.access.v1", 0)))
          .containsExactly("before restart");
    }
  }

  @Test
  void mongoStoreKeepsDocumentsInItsFileAcrossARestart() throws IOException {
    int port = freePort();
    Path file = data.resolve("mongo/test.mv.db");
    try (MongoStore store = new MongoStore("127.0.0.1", port, file).start()) {
      try (MongoClient client = MongoClients.create(store.connectionString())) {
        client.getDatabase("citizen").getCollection("probe").insertOne(new Document("_id", "a").append("n", 1));
      }
      store.stop();
      store.start();
      try (MongoClient client = MongoClients.create(store.connectionString())) {
        MongoCollection<Document> probe = client.getDatabase("citizen").getCollection("probe");
        assertThat(probe.find().first()).containsEntry("n", 1);
        // Spring Boot's Mongo health check sends 'hello'
        assertThat(client.getDatabase("admin").runCommand(new Document("hello", 1))).containsEntry("ok", 1.0);
      }
    }
  }

  private static List<String> readAll(String bootstrap, TopicPartition partition) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<String> values = new ArrayList<>();
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
      return values;
    }
  }

  private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A free port not given before in this run: asked one after another, the system may hand out the same one. */
  static int freePort() throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (GIVEN.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
  }
}
