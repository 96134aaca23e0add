package id.go.jemberkab.platform.citizen.servicerequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.citizen.CitizenServiceIT;
import id.go.jemberkab.platform.citizen.TestClock;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.SampleCitizens;
import id.go.jemberkab.platform.testsupport.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Service requests over HTTP: catalogue, submission, duplicates, lifecycle, SLA, overdue, Open311. */
@CitizenServiceIT
class ServiceRequestsIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Autowired
  ServiceRequests requests;

  @Autowired
  TestClock clock;

  @Test
  void servesTheSeededJemberCatalogue() {
    JsonNode catalogue = JSON.readTree(Http.get(url("/api/v1/service-catalogue")).body());
    assertThat(catalogue.valueStream().map(s -> s.path("code").asString()).toList())
        .contains("JALAN-RUSAK", "PJU-MATI", "SAMPAH", "DRAINASE-BANJIR", "ADMINDUK", "BANSOS");
    JsonNode road = JSON.readTree(Http.get(url("/api/v1/service-catalogue/JALAN-RUSAK")).body());
    assertThat(road.path("opd").asString()).isEqualTo("DPUBMSDA");
    assertThat(road.path("attributes").get(0).path("values")).hasSize(3);
  }

  @Test
  void managesTheCatalogueThroughTheApi() {
    String definition = """
        {"name":"Pemadaman listrik","opd":"DISHUB","slaWorkingDays":2,"group":"Infrastruktur",
         "attributes":[{"code":"durasi_jam","datatype":"number","required":true,"description":"Berapa jam","order":1,"values":[]}]}""";
    assertThat(Http.request("PUT", url("/api/v1/service-catalogue/LISTRIK-PADAM"), definition).statusCode())
        .isEqualTo(201);
    assertThat(Http.request("PUT", url("/api/v1/service-catalogue/LISTRIK-PADAM"), definition).statusCode())
        .isEqualTo(200);
    HttpResponse<String> bad = Http.request("PUT", url("/api/v1/service-catalogue/lower"),
        "{\"name\":\"\",\"opd\":\"X\",\"attributes\":[{\"code\":\"a\",\"datatype\":\"color\","
            + "\"required\":false,\"order\":1}]}");
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).path("errors").valueStream().map(e -> e.path("field").asString()).toList())
        .as(bad.body()).contains("code", "name", "slaWorkingDays", "attributes[0].datatype");
  }

  @Test
  void filesARequestWithItsSlaDateAndSuggestsDuplicatesBeforeFilingAnother() {
    String body = road("35.09.22.2003");
    HttpResponse<String> filed = Http.post(url("/api/v1/service-requests"), body);
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    JsonNode request = JSON.readTree(filed.body());
    assertThat(request.path("status").asString()).isEqualTo("submitted");
    Instant submitted = Instant.parse(request.path("submittedAt").asString());
    Instant expected = Instant.parse(request.path("expectedAt").asString());
    assertThat(Duration.between(submitted, expected)).isGreaterThanOrEqualTo(Duration.ofDays(10));

    HttpResponse<String> duplicate = Http.post(url("/api/v1/service-requests"), body);
    assertThat(duplicate.statusCode()).isEqualTo(409);
    JsonNode problem = JSON.readTree(duplicate.body());
    assertThat(problem.path("type").asString()).endsWith("/possible-duplicates");
    assertThat(problem.path("duplicates").get(0).path("id").asString()).isEqualTo(request.path("id").asString());

    HttpResponse<String> supported = Http.request("POST", url("/api/v1/service-requests/"
        + request.path("id").asString() + "/supporters"), null);
    assertThat(JSON.readTree(supported.body()).path("supporters").asInt()).isEqualTo(1);
    assertThat(Http.post(url("/api/v1/service-requests"), with(body, "\"acknowledgeDuplicates\":true"))
        .statusCode()).isEqualTo(201);
  }

  @Test
  void validatesAttributesLocationAndLengthAgainstTheServiceDefinition() {
    HttpResponse<String> response = Http.post(url("/api/v1/service-requests"), """
        {"serviceCode":"JALAN-RUSAK","lat":-6.2,"long":106.8,"attributes":{"tingkat_kerusakan":"parah",
         "panjang_meter":"dua belas","$where":"sleep(1000)"},"description":"%s","mediaUrl":"javascript:alert(1)"}"""
        .formatted("x".repeat(4001)));
    assertThat(response.statusCode()).isEqualTo(400);
    List<String> fields = JSON.readTree(response.body()).path("errors").valueStream()
        .map(e -> e.path("field").asString()).toList();
    assertThat(fields).contains("lat", "attributes", "attributes.tingkat_kerusakan", "attributes.panjang_meter",
        "description", "mediaUrl");
    assertThat(Http.post(url("/api/v1/service-requests"), "{\"serviceCode\":\"TIDAK-ADA\",\"desaCode\":\"35.09.19.1001\"}")
        .statusCode()).isEqualTo(400);
    // past a long's range: JSON's BigInteger, which MongoDB cannot store (it was a 500)
    HttpResponse<String> huge = Http.post(url("/api/v1/service-requests"), """
        {"serviceCode":"JALAN-RUSAK","desaCode":"35.09.19.1001","attributes":{"tingkat_kerusakan":"berat",
         "panjang_meter":123456789012345678901234567890},"acknowledgeDuplicates":true}""");
    assertThat(huge.statusCode()).as(huge.body()).isEqualTo(400);
    assertThat(JSON.readTree(huge.body()).path("errors").get(0).path("field").asString())
        .isEqualTo("attributes.panjang_meter");
  }

  @Test
  void movesThroughTheLifecycleAndRefusesIllegalTransitions() {
    String id = file(road("35.09.23.2001"));
    String status = url("/api/v1/service-requests/" + id + "/status");

    HttpResponse<String> early = Http.post(status, "{\"status\":\"resolved\"}");
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(early.body()).path("allowed").valueStream().map(JsonNode::asString).toList())
        .containsExactly("accepted", "rejected");
    for (String next : List.of("accepted", "in_progress", "resolved", "closed")) {
      HttpResponse<String> moved = Http.post(status, "{\"status\":\"" + next + "\",\"note\":\"ke " + next + "\"}");
      assertThat(moved.statusCode()).as(next + ": " + moved.body()).isEqualTo(200);
    }
    JsonNode closed = JSON.readTree(Http.get(url("/api/v1/service-requests/" + id)).body());
    assertThat(closed.path("history").valueStream().map(h -> h.path("to").asString()).toList())
        .containsExactly("submitted", "accepted", "in_progress", "resolved", "closed");
    assertThat(closed.path("statusNotes").asString()).isEqualTo("ke closed");
    assertThat(Http.post(status, "{\"status\":\"rejected\",\"reason\":\"x\",\"actor\":\"y\"}").statusCode())
        .isEqualTo(409);

    List<JsonNode> changes = await().atMost(Duration.ofSeconds(10)).until(
        () -> events(id, EventType.SERVICE_REQUEST_STATUS_CHANGED), e -> e.size() == 4);
    assertThat(changes.stream().filter(c -> c.path("to").asString().equals("resolved")).findFirst().orElseThrow()
        .path("withinSla").asBoolean()).isTrue();
  }

  @Test
  void needsAReasonAndAnActorToReject() {
    String id = file(road("35.09.24.2001"));
    String status = url("/api/v1/service-requests/" + id + "/status");
    assertThat(Http.post(status, "{\"status\":\"rejected\"}").statusCode()).isEqualTo(400);
    HttpResponse<String> rejected = Http.post(status,
        "{\"status\":\"rejected\",\"reason\":\"Jalan nasional\",\"actor\":\"UPT Jalan Kaliwates\"}");
    assertThat(rejected.statusCode()).isEqualTo(200);
    JsonNode last = JSON.readTree(rejected.body()).path("history").get(1);
    assertThat(last.path("reason").asString()).isEqualTo("Jalan nasional");
    assertThat(last.path("actor").asString()).isEqualTo("UPT Jalan Kaliwates");
  }

  @Test
  void marksALateRequestOverdueOnceWithItsEvent() {
    String id = file("""
        {"serviceCode":"POHON-TUMBANG","desaCode":"35.09.25.2001","attributes":{"menutup_jalan":"ya"}}""");
    assertThat(requests.markOverdue()).as("nothing is late yet for this request").isGreaterThanOrEqualTo(0);
    clock.advance(Duration.ofDays(6));
    try {
      requests.markOverdue();
      requests.markOverdue();
    } finally {
      clock.reset();
    }
    assertThat(JSON.readTree(Http.get(url("/api/v1/service-requests/" + id)).body()).path("overdue").asBoolean())
        .isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> events(id, EventType.SERVICE_REQUEST_OVERDUE), e -> e.size() == 1);
  }

  @Test
  void refusesToLinkACitizenWhoWithdrewServiceDeliveryConsent() {
    JsonNode citizen = JSON.readTree(Http.post(url("/api/v1/citizens"), SampleCitizens.registration("35.09.19.1001")).body());
    String citizenId = citizen.path("id").asString();
    String body = with(road("35.09.26.2001"), "\"citizenId\":\"" + citizenId + "\"");
    assertThat(Http.post(url("/api/v1/service-requests"), body).statusCode()).isEqualTo(201);

    Http.request("PUT", url("/api/v1/citizens/" + citizenId + "/consents/service-delivery"), "{\"granted\":false}");
    HttpResponse<String> refused = Http.post(url("/api/v1/service-requests"),
        body.replace("35.09.26.2001", "35.09.26.2002"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(refused.body()).path("type").asString()).endsWith("/consent-missing");
  }

  @Test
  void answersOpen311PathsInTheSpecificationsShape() {
    String id = file(road("35.09.27.2001"));

    JsonNode services = JSON.readTree(Http.get(url("/open311/v2/services.json")).body());
    JsonNode road = services.valueStream().filter(s -> s.path("service_code").asString().equals("JALAN-RUSAK"))
        .findFirst().orElseThrow();
    assertThat(road.path("metadata").asBoolean()).isTrue();
    assertThat(road.path("type").asString()).isEqualTo("realtime");

    JsonNode definition = JSON.readTree(Http.get(url("/open311/v2/services/JALAN-RUSAK.json")).body());
    assertThat(definition.path("attributes").get(0).path("variable").asBoolean()).isTrue();
    assertThat(definition.path("attributes").get(0).path("datatype").asString()).isEqualTo("singlevaluelist");

    JsonNode one = JSON.readTree(Http.get(url("/open311/v2/requests/" + id + ".json")).body());
    assertThat(one.isArray()).isTrue();
    JsonNode request = one.get(0);
    assertThat(request.path("service_request_id").asString()).isEqualTo(id);
    assertThat(request.path("status").asString()).isEqualTo("open");
    assertThat(request.path("agency_responsible").asString()).isEqualTo("DPUBMSDA");
    assertThat(request.path("address_id").asString()).isEqualTo("35.09.27.2001");
    assertThat(request.has("expected_datetime")).isTrue();
    assertThat(request.has("long")).isTrue();

    // public and anonymous: what a citizen wrote of how to reach them is not published, nor their doorstep
    String personal = file("""
        {"serviceCode":"JALAN-RUSAK","desaCode":"35.09.27.2001","lat":-8.172431,"long":113.699512,
         "attributes":{"tingkat_kerusakan":"berat","panjang_meter":12},
         "description":"Lubang depan rumah saya, hubungi 0812-3456-7890 / +62 812 3456 7890 / (0331) 412345 / 0812 - 3456 - 7890, budi.s@example.co.id, NIK 3509194101900002. Sejak 2026-11-02, No. 12",
         "acknowledgeDuplicates":true}""");
    JsonNode published = JSON.readTree(Http.get(url("/open311/v2/requests/" + personal + ".json")).body()).get(0);
    assertThat(published.path("description").asString()).isEqualTo("Lubang depan rumah saya, hubungi [disamarkan] / "
        + "[disamarkan], [disamarkan], NIK [disamarkan]. Sejak 2026-11-02, No. 12"); // " / (" joins numbers
    assertThat(published.path("lat").asDouble()).isEqualTo(-8.172);
    assertThat(published.path("long").asDouble()).isEqualTo(113.7);
    // as people also write them: other scripts' digits and spaces, spelled-out at signs; and a media link's query
    String written = file("""
        {"serviceCode":"JALAN-RUSAK","desaCode":"35.09.27.2001","lat":-8.17,"long":113.7,
         "attributes":{"tingkat_kerusakan":"berat","panjang_meter":12},
         "description":"WA 0812\u00a03456\u00a07890, \uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10, 0812_3456_7890, sari [at] mail [dot] id, s\u00edt\u00ed@j\u00ebmber.id",
         "mediaUrl":"https://portal.jemberkab.go.id/media/laporan/1.jpg?pelapor=siti@example.com&hp=081234567890",
         "acknowledgeDuplicates":true}""");
    JsonNode shown = JSON.readTree(Http.get(url("/open311/v2/requests/" + written + ".json")).body()).get(0);
    assertThat(shown.path("description").asString())
        .isEqualTo("WA [disamarkan], [disamarkan], [disamarkan]"); // the three numbers, ", " apart, as one
    assertThat(shown.path("media_url").asString()).isEqualTo("https://portal.jemberkab.go.id/media/laporan/1.jpg");
    JsonNode whole = JSON.readTree(Http.get(url("/api/v1/service-requests/" + personal)).body());
    assertThat(whole.path("description").asString()).as("the departments read it whole").contains("0812-3456-7890");
    assertThat(whole.path("lat").asDouble()).isEqualTo(-8.172431);

    JsonNode list = JSON.readTree(Http.get(url("/open311/v2/requests.json?service_code=JALAN-RUSAK&status=open")).body());
    assertThat(list.valueStream().map(r -> r.path("service_request_id").asString()).toList()).contains(id);
    assertThat(Http.get(url("/open311/v2/requests.json?status=maybe")).statusCode()).isEqualTo(400);
    assertThat(Http.get(url("/open311/v2/requests.json?start_date=yesterday")).statusCode()).isEqualTo(400);
  }

  private static String road(String desa) {
    return """
        {"serviceCode":"JALAN-RUSAK","desaCode":"%s","lat":-8.17,"long":113.70,
         "attributes":{"tingkat_kerusakan":"berat","panjang_meter":12},"description":"Lubang di depan sekolah"}"""
        .formatted(desa);
  }

  /** The JSON object {@code body} with one more member. */
  private static String with(String body, String member) {
    int end = body.lastIndexOf('}');
    return body.substring(0, end) + "," + member + "}";
  }

  private String file(String body) {
    HttpResponse<String> filed = Http.post(url("/api/v1/service-requests"), body);
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    return JSON.readTree(filed.body()).path("id").asString();
  }

  private List<JsonNode> events(String requestId, EventType type) {
    EventSchemas schemas = EventSchemas.load();
    return TopicReader.readAll(bootstrap, "citizen.service-requests.v1").stream()
        .filter(r -> requestId.equals(r.key()))
        .filter(r -> CloudEventHeaders.read(r).type().equals(type.type()))
        .peek(r -> assertThat(schemas.violations(type, r.value())).isEmpty())
        .map(r -> JSON.readTree(r.value()))
        .toList();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
