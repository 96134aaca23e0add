package id.go.jemberkab.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a working day looks like to the platform, in small: department systems register citizens across
 * Jember's kecamatan (some twice, some with broken forms), read them back, look up region codes and the
 * registration figures, ask for paths that do not exist; and on Kafka, an event type analytics does not
 * use yet and one unreadable record that must end in the dead-letter topic. Bounded in count.
 */
final class PlatformTraffic {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String gateway;

  PlatformTraffic(String gateway) {
    this.gateway = gateway;
  }

  /** Runs the HTTP part and asserts that each call got the answer a working platform gives. */
  void throughTheGateway(int citizens) throws Exception {
    List<Region> villages = RegionDirectory.jember().all(Region.Level.DESA);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < citizens; i++) {
      Region desa = villages.get(i * 7 % villages.size());
      LocalDate born = LocalDate.of(1960 + i % 40, 1 + i % 12, 1 + i % 28);
      boolean female = i % 2 == 1;
      // a NIK first registered in the citizen's own kecamatan (digits 5-6), DDMMYY with day + 40 for women
      String nik = "3509%s%02d%02d%02d%04d".formatted(desa.kecamatanCode().substring(6),
          born.getDayOfMonth() + (female ? 40 : 0), born.getMonthValue(), born.getYear() % 100, 9000 + i);
      String body = registration(nik, born, female, desa.code());
      HttpResponse<String> response = post("/api/v1/citizens", body);
      assertThat(response.statusCode()).as("register %d: %s", i, response.body()).isIn(201, 409);
      response.headers().firstValue("Location").ifPresent(created::add);
      if (i % 5 == 0) {
        assertThat(post("/api/v1/citizens", body).statusCode()).as("second registration").isEqualTo(409);
      }
    }
    assertThat(post("/api/v1/citizens", """
        {"nik":"12345","name":"","birthDate":"1990-02-30","sex":"UNKNOWN","desaCode":"35.09.99.9999"}""")
        .statusCode()).as("broken form").isEqualTo(400);
    for (String location : created) {
      assertThat(get(location).statusCode()).as("read back %s", location).isEqualTo(200);
    }
    assertThat(get("/api/v1/regions").statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/regions?level=desa&kecamatan=35.09.19").statusCode()).isEqualTo(200);
    for (String groupBy : List.of("kecamatan", "desa")) {
      assertThat(get("/api/v1/analytics/citizen-registrations?groupBy=" + groupBy).statusCode()).isEqualTo(200);
    }
    assertThat(get("/api/v1/content/news").statusCode()).as("content has no API yet").isEqualTo(404);
    assertThat(get("/api/v1/no-such-thing").statusCode()).as("no route").isEqualTo(404);
  }

  /** An event of a type analytics skips, and a record without a CloudEvents envelope (poison). */
  static void onKafka(String bootstrap) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      String topic = Topics.CITIZEN_REGISTRY.name();
      CloudEvent future = new CloudEvent(UUID.randomUUID().toString(), URI.create("/e2e/platform-traffic"),
          "id.go.jemberkab.citizen.moved.v1", null, OffsetDateTime.now(), CloudEvent.JSON,
          "{}".getBytes(StandardCharsets.UTF_8));
      producer.send(CloudEventHeaders.toRecord(topic, "e2e-future-type", future)).get();
      producer.send(new ProducerRecord<>(topic, "e2e-poison", "not an event".getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  private static String registration(String nik, LocalDate born, boolean female, String desaCode) {
    return """
        {"nik":"%s","name":"Warga Uji","birthDate":"%s","sex":"%s","desaCode":"%s"}"""
        .formatted(nik, born, female ? "FEMALE" : "MALE", desaCode);
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
