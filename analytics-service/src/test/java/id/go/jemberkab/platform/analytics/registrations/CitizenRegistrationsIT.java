package id.go.jemberkab.platform.analytics.registrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.TopicReader;
import id.go.jemberkab.platform.testsupport.UsesBackbone;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** From events on a real broker to the query API, with duplicates, unknown types and poison records. */
@UsesBackbone
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CitizenRegistrationsIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

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
  void countsEachCitizenOnceByKecamatanAndDesaWithNames() throws Exception {
    String first = citizenRef();
    ProducerRecord<String, byte[]> registered = registered(first, "35.09.01.2001");
    send(registered);
    send(registered); // redelivery: same event
    send(registered(first, "35.09.01.2001")); // replay under a new event id: same citizen
    send(registered(citizenRef(), "35.09.01.2002"));
    send(registered(citizenRef(), "35.09.02.2001"));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(items("kecamatan")).containsEntry("35.09.01", 2L).containsEntry("35.09.02", 1L);
      assertThat(items("desa")).containsEntry("35.09.01.2001", 1L).containsEntry("35.09.01.2002", 1L);
    });
    JsonNode body = JSON.readTree(get("/api/v1/analytics/citizen-registrations?groupBy=kecamatan").body());
    assertThat(body.path("groupBy").asString()).isEqualTo("kecamatan");
    JsonNode jombang = body.path("items").valueStream()
        .filter(i -> i.path("code").asString().equals("35.09.01")).findFirst().orElseThrow();
    assertThat(jombang.path("name").asString()).isEqualTo("Jombang");
  }

  @Test
  void sendsPoisonToTheDeadLetterTopicWithItsOriginAndKeepsConsuming() throws Exception {
    ProducerRecord<String, byte[]> noEnvelope = new ProducerRecord<>("citizen.registry.v1", "poison-1",
        "{}".getBytes(StandardCharsets.UTF_8));
    send(noEnvelope);
    ProducerRecord<String, byte[]> breaksSchema = registered(citizenRef(), "35.09.03.2001");
    ProducerRecord<String, byte[]> bad = new ProducerRecord<>(breaksSchema.topic(), null, "poison-2",
        "{\"citizenRef\":\"not-hex\"}".getBytes(StandardCharsets.UTF_8), breaksSchema.headers());
    send(bad);
    send(registered(citizenRef(), "35.09.04.2001"));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(items("kecamatan")).containsEntry("35.09.04", 1L));
    List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(10)).until(
        () -> TopicReader.readAll(bootstrap, "citizen.registry.v1.dlt").stream()
            .filter(r -> r.key().startsWith("poison-")).toList(), l -> l.size() == 2);
    assertThat(dead).allSatisfy(r -> assertThat(
        new String(r.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
        .isEqualTo("citizen.registry.v1"));
    assertThat(items("kecamatan")).doesNotContainKey("35.09.03");
  }

  @Test
  void skipsEventTypesItDoesNotKnow() throws Exception {
    ProducerRecord<String, byte[]> future = registered(citizenRef(), "35.09.05.2001");
    future.headers().remove(CloudEventHeaders.TYPE);
    future.headers().add(CloudEventHeaders.TYPE, "id.go.jemberkab.citizen.relocated.v1".getBytes(StandardCharsets.UTF_8));
    send(future);
    send(registered(citizenRef(), "35.09.06.2001"));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(items("kecamatan")).containsEntry("35.09.06", 1L));
    assertThat(items("kecamatan")).doesNotContainKey("35.09.05");
    assertThat(get("/actuator/prometheus").body()).contains("analytics_events_skipped_total");
  }

  @Test
  void stopsCountingAnErasedCitizen() throws Exception {
    String ref = citizenRef();
    send(registered(ref, "35.09.07.2001"));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(items("kecamatan")).containsEntry("35.09.07", 1L));
    String data = "{\"citizenRef\":\"%s\",\"erasedAt\":\"%s\"}".formatted(ref, java.time.Instant.now());
    send(CloudEventHeaders.toRecord("citizen.registry.v1", ref, new CloudEvent(UUID.randomUUID().toString(),
        URI.create("urn:id.go.jemberkab:citizen-service"), EventType.CITIZEN_ERASED.type(), ref, OffsetDateTime.now(),
        CloudEvent.JSON, data.getBytes(StandardCharsets.UTF_8))));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(items("kecamatan")).doesNotContainKey("35.09.07"));
  }

  @Test
  void rejectsAnUnknownGroupingWithAProblem() {
    HttpResponse<String> response = get("/api/v1/analytics/citizen-registrations?groupBy=provinsi");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(JSON.readTree(response.body()).path("errors").get(0).path("field").asString()).isEqualTo("groupBy");
  }

  private Map<String, Long> items(String groupBy) {
    JsonNode body = JSON.readTree(get("/api/v1/analytics/citizen-registrations?groupBy=" + groupBy).body());
    return body.path("items").valueStream().collect(java.util.stream.Collectors.toMap(
        i -> i.path("code").asString(), i -> i.path("count").asLong()));
  }

  private HttpResponse<String> get(String path) {
    return Http.get("http://localhost:" + port + path);
  }

  private void send(ProducerRecord<String, byte[]> record) throws Exception {
    producer.send(record).get();
  }

  private static String citizenRef() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static ProducerRecord<String, byte[]> registered(String citizenRef, String desaCode) {
    String data = """
        {"citizenRef":"%s","kecamatanCode":"%s","desaCode":"%s","registeredAt":"2026-11-27T03:15:42.123Z"}"""
        .formatted(citizenRef, desaCode.substring(0, 8), desaCode);
    CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), URI.create("urn:id.go.jemberkab:citizen-service"),
        EventType.CITIZEN_REGISTERED.type(), citizenRef, OffsetDateTime.now(), CloudEvent.JSON,
        data.getBytes(StandardCharsets.UTF_8));
    return CloudEventHeaders.toRecord("citizen.registry.v1", citizenRef, event);
  }
}
