package id.go.jemberkab.platform.citizen.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.citizen.CitizenServiceIT;
import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.SampleCitizens;
import id.go.jemberkab.platform.testsupport.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Registration over HTTP against a real broker and Mongo server: the stored citizen and its event. */
@CitizenServiceIT
class CitizenRegistrationIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Autowired
  MongoTemplate mongo;

  @Test
  void registersACitizenAndPublishesAPseudonymousSchemaValidEvent() {
    LocalDate born = LocalDate.of(1990, 8, 17);
    String nik = SampleCitizens.nik(born, false);
    String body = """
        {"nik":"%s","name":"Budi Santoso","birthDate":"1990-08-17","sex":"MALE","desaCode":"35.09.19.1001",\
        "phone":"+6281234567890"}""".formatted(nik);

    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    HttpResponse<String> created = Http.request("POST", url("/api/v1/citizens"), body, "Content-Type",
        "application/json", "traceparent", traceparent, "X-Request-Id", "req-registration-1");

    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/api/v1/citizens/[0-9a-f-]{36}").doesNotContain(nik);
    JsonNode citizen = JSON.readTree(created.body());
    assertThat(citizen.path("kecamatanCode").asString()).isEqualTo("35.09.19");

    HttpResponse<String> read = Http.get(url(location));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(read.body()).path("nik").asString()).isEqualTo(nik);
    assertThat(read.headers().firstValue("ETag")).contains("\"1\"");

    String citizenRef = citizen.path("citizenRef").asString();
    ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(10)).until(
        () -> eventsFor(citizenRef), events -> events.size() == 1).get(0);
    CloudEvent event = CloudEventHeaders.read(record);
    assertThat(event.type()).isEqualTo(EventType.CITIZEN_REGISTERED.type());
    assertThat(event.source()).hasToString("urn:id.go.jemberkab:citizen-service");
    assertThat(event.subject()).isEqualTo(citizenRef);
    assertThat(record.key()).isEqualTo(citizenRef);
    assertThat(EventSchemas.load().violations(EventType.CITIZEN_REGISTERED, record.value())).isEmpty();
    JsonNode data = JSON.readTree(record.value());
    assertThat(data.path("desaCode").asString()).isEqualTo("35.09.19.1001");
    // the trace context the gateway passed on travels with the event
    assertThat(header(record, CloudEventHeaders.TRACEPARENT)).isEqualTo(traceparent);
    assertThat(header(record, "traceparent")).isEqualTo(traceparent);
    assertThat(header(record, CloudEventHeaders.REQUEST_ID)).isEqualTo("req-registration-1");

    String wire = new String(record.value(), StandardCharsets.UTF_8)
        + record.headers().toArray().length
        + String.join("|", java.util.Arrays.stream(record.headers().toArray())
            .map(h -> new String(h.value(), StandardCharsets.UTF_8)).toList());
    assertThat(wire).doesNotContain(nik).doesNotContain("Budi").doesNotContain("81234567890")
        .doesNotContain("1990-08-17");
  }

  @Test
  void answersConflictForASecondRegistrationOfTheSameNik() {
    String body = SampleCitizens.registration("35.09.01.2001");
    assertThat(Http.post(url("/api/v1/citizens"), body).statusCode()).isEqualTo(201);

    HttpResponse<String> again = Http.post(url("/api/v1/citizens"), body.replace("Warga Uji", "Warga Lain"));

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(JSON.readTree(again.body()).path("type").asString()).endsWith("/problems/already-registered");
  }

  @Test
  void rejectsInvalidFieldsWithEveryFieldErrorAndStoresNothing() {
    long before = mongo.count(new Query(), "citizens");
    HttpResponse<String> rejected = Http.post(url("/api/v1/citizens"), """
        {"nik":"3509191708900001","name":"Budi","birthDate":"1990-08-18","sex":"FEMALE","desaCode":"35.09.99.1001"}""");

    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(rejected.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = JSON.readTree(rejected.body());
    assertThat(problem.path("type").asString()).endsWith("/problems/validation-failed");
    List<String> fields = problem.path("errors").valueStream().map(e -> e.path("field").asString()).toList();
    assertThat(fields).containsExactlyInAnyOrder("nik", "sex", "desaCode");
    assertThat(rejected.body()).doesNotContain("3509191708900001");
    assertThat(mongo.count(new Query(), "citizens")).isEqualTo(before);
  }

  @Test
  void answersMalformedJsonAndWrongTypesWithAProblemNotAServerError() {
    assertThat(Http.post(url("/api/v1/citizens"), "{\"nik\":").statusCode()).isEqualTo(400);
    HttpResponse<String> wrongShape = Http.post(url("/api/v1/citizens"), "[1,2,3]");
    assertThat(wrongShape.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrongShape.body()).path("type").asString()).endsWith("/problems/malformed-request");
    // past an int's range: the field is named, as for a wrong type
    HttpResponse<String> tooBig = Http.post(url("/api/v1/events"), "{\"title\":\"Rapat\",\"capacity\":2147483648}");
    assertThat(tooBig.statusCode()).isEqualTo(400);
    JsonNode problem = JSON.readTree(tooBig.body());
    assertThat(problem.path("type").asString()).as(tooBig.body()).endsWith("/problems/validation-failed");
    assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("capacity");
  }

  /** Mistakes found before any handler ran: undecodable parameters, a form body, a method the path does not take. */
  @Test
  void answersUnreadableParametersFormBodiesAndWrongMethodsWithProblems() {
    HttpResponse<String> unreadable = Http.get(url("/api/v1/citizens?kecamatan=%ff"));
    assertThat(unreadable.statusCode()).as(unreadable.body()).isEqualTo(400);
    assertThat(unreadable.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(JSON.readTree(unreadable.body()).path("type").asString()).endsWith("/problems/malformed-request");

    HttpResponse<String> form = Http.request("PUT", url("/api/v1/citizens/00000000-0000-0000-0000-000000000000"),
        "name=%zz", "Content-Type", "application/x-www-form-urlencoded", "If-Match", "\"1\"");
    assertThat(form.statusCode()).as(form.body()).isEqualTo(415);
    assertThat(JSON.readTree(form.body()).path("type").asString()).endsWith("/problems/unsupported-media-type");
    assertThat(form.body()).doesNotContain("x-www-form-urlencoded");

    HttpResponse<String> wrongMethod = Http.request("PUT", url("/api/v1/regions"), null);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    assertThat(JSON.readTree(wrongMethod.body()).path("type").asString()).endsWith("/problems/method-not-allowed");
  }

  @Test
  void answersNotFoundForAnUnknownId() {
    HttpResponse<String> missing = Http.get(url("/api/v1/citizens/00000000-0000-0000-0000-000000000000"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).path("status").asInt()).isEqualTo(404);
  }

  @Test
  void listsTheOfficialRegionCodes() {
    JsonNode kecamatan = JSON.readTree(Http.get(url("/api/v1/regions")).body());
    assertThat(kecamatan.path("count").asInt()).isEqualTo(31);
    JsonNode desa = JSON.readTree(Http.get(url("/api/v1/regions?level=desa&kecamatan=35.09.19")).body());
    assertThat(desa.path("items").get(0).path("code").asString()).startsWith("35.09.19.");
    assertThat(Http.get(url("/api/v1/regions?level=provinsi")).statusCode()).isEqualTo(400);
  }

  @Test
  void exposesHealthGroupsAndPrometheusMetrics() {
    assertThat(Http.get(url("/actuator/health/liveness")).statusCode()).isEqualTo(200);
    assertThat(Http.get(url("/actuator/health/readiness")).statusCode()).isEqualTo(200);
    assertThat(Http.get(url("/actuator/health")).body()).contains("\"UP\"");
    String metrics = Http.get(url("/actuator/prometheus")).body();
    assertThat(metrics).contains("citizen_registrations_total{").contains("outbox_documents_pending{")
        .contains("application=\"citizen-service\"");
  }

  @Test
  void documentsEveryOperationInOpenApiWithExamples() {
    HttpResponse<String> docs = Http.get(url("/v3/api-docs"));
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode api = JSON.readTree(docs.body());
    // read through the gateway, Swagger UI's "Try it out" calls the gateway, never the service's own address
    assertThat(api.path("servers").get(0).path("url").asString()).isEqualTo("/");
    assertThat(api.path("components").path("securitySchemes").propertyNames()).contains("apiKey", "bearer");
    assertThat(api.path("paths").propertyNames()).contains("/api/v1/citizens", "/api/v1/citizens/{id}",
        "/api/v1/citizens/lookup", "/api/v1/citizens/imports", "/api/v1/service-requests",
        "/api/v1/service-requests/{id}/status", "/api/v1/events/{id}/registrations", "/open311/v2/services.json");
    JsonNode schemas = api.path("components").path("schemas");
    List<String> withoutExample = new java.util.ArrayList<>();
    api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
      String name = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
      operation.getValue().path("requestBody").path("content").properties().forEach(media -> {
        if (!hasExample(media.getValue(), schemas)) {
          withoutExample.add(name + " request " + media.getKey());
        }
      });
      operation.getValue().path("responses").properties().forEach(response -> {
        if (response.getKey().startsWith("2")) {
          response.getValue().path("content").properties().forEach(media -> {
            if (!hasExample(media.getValue(), schemas)) {
              withoutExample.add(name + " " + response.getKey() + " " + media.getKey());
            }
          });
        }
      });
    }));
    assertThat(withoutExample).as("request and response bodies without an example").isEmpty();
  }

  /** An example on the media type, on its schema, or on the schema its $ref (or array items' $ref) names. */
  private static boolean hasExample(JsonNode media, JsonNode schemas) {
    if (media.has("example") || media.has("examples")) {
      return true;
    }
    JsonNode schema = media.path("schema");
    if (schema.has("example")) {
      return true;
    }
    JsonNode ref = schema.has("$ref") ? schema.get("$ref") : schema.path("items").get("$ref");
    return ref != null && schemas.path(ref.asString().substring(ref.asString().lastIndexOf('/') + 1)).has("example");
  }

  private List<ConsumerRecord<String, byte[]>> eventsFor(String citizenRef) {
    return TopicReader.readAll(bootstrap, "citizen.registry.v1").stream()
        .filter(r -> citizenRef.equals(r.key()))
        .toList();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
