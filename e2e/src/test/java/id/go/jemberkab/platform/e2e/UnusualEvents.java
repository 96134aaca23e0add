package id.go.jemberkab.platform.e2e;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What else a day brings on Kafka, beyond what {@code ./platform demo} sends through the gateway: an
 * event of a type analytics does not use yet (skipped and counted), and a record without a CloudEvents
 * envelope from a broken producer (poison: straight to the dead-letter topic).
 */
final class UnusualEvents {

  private UnusualEvents() {
  }

  static void publish(String bootstrap) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      String topic = Topics.CITIZEN_REGISTRY.name();
      CloudEvent future = new CloudEvent(UUID.randomUUID().toString(), URI.create("/e2e/unusual-events"),
          "id.go.jemberkab.citizen.moved.v1", null, OffsetDateTime.now(), CloudEvent.JSON,
          "{}".getBytes(StandardCharsets.UTF_8));
      producer.send(CloudEventHeaders.toRecord(topic, "e2e-future-type", future)).get();
      producer.send(new ProducerRecord<>(topic, "e2e-poison", "not an event".getBytes(StandardCharsets.UTF_8))).get();
    }
  }
}
