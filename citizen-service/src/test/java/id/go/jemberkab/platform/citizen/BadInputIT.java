package id.go.jemberkab.platform.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.SampleCitizens;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint that takes input gets every kind of bad input: malformed JSON, wrong shapes and types,
 * unknown fields, MongoDB operators in any field, oversized bodies, absurd paging. Each answer is a 4xx
 * problem; nothing is stored; never a 5xx.
 */
@CitizenServiceIT
class BadInputIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Autowired
  MongoTemplate mongo;

  private final Map<String, String> validBodies = new LinkedHashMap<>();
  private String citizenId;
  private String requestId;
  private String eventId;

  @BeforeEach
  void resources() {
    citizenId = id(Http.post(url("/api/v1/citizens"), SampleCitizens.registration("35.09.19.1001")));
    requestId = id(Http.post(url("/api/v1/service-requests"),
        "{\"serviceCode\":\"PJU-MATI\",\"lat\":-8.17,\"long\":113.70,\"attributes\":{\"jumlah_titik\":2}}"));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
    eventId = id(Http.post(url("/api/v1/events"), """
        {"title":"Sosialisasi","capacity":5,"opensAt":"%s","closesAt":"%s","startsAt":"%s","endsAt":"%s"}"""
        .formatted(now.minusHours(1), now.plusDays(1), now.plusDays(1), now.plusDays(1).plusHours(1))));
    validBodies.put("POST /api/v1/citizens", SampleCitizens.registration("35.09.19.1001"));
    validBodies.put("PUT /api/v1/citizens/" + citizenId,
        "{\"name\":\"Nama Baru\",\"desaCode\":\"35.09.19.1001\",\"address\":\"Jl. Baru\",\"phone\":null,\"email\":null}");
    validBodies.put("POST /api/v1/citizens/lookup", "{\"nik\":\"3509191708900001\"}");
    validBodies.put("PUT /api/v1/citizens/" + citizenId + "/consents/research", "{\"granted\":true,\"source\":\"x\"}");
    validBodies.put("POST /api/v1/service-requests",
        "{\"serviceCode\":\"SAMPAH\",\"desaCode\":\"35.09.02.2001\",\"attributes\":{\"lokasi_tps\":\"liar\"},"
            + "\"description\":\"Sampah menumpuk\",\"acknowledgeDuplicates\":true}");
    validBodies.put("POST /api/v1/service-requests/" + requestId + "/status",
        "{\"status\":\"accepted\",\"note\":\"ok\",\"actor\":\"petugas\",\"reason\":null}");
    validBodies.put("PUT /api/v1/service-catalogue/UJI-INPUT",
        "{\"name\":\"Uji\",\"opd\":\"DLH\",\"slaWorkingDays\":3,\"attributes\":[]}");
    validBodies.put("POST /api/v1/events",
        "{\"title\":\"Rapat\",\"capacity\":10,\"opensAt\":\"2026-12-01T00:00:00Z\",\"closesAt\":\"2026-12-02T00:00:00Z\","
            + "\"startsAt\":\"2026-12-03T00:00:00Z\",\"endsAt\":\"2026-12-03T02:00:00Z\"}");
    validBodies.put("POST /api/v1/events/" + eventId + "/registrations",
        "{\"name\":\"Tamu Undangan\",\"email\":\"tamu@example.id\"}");
  }

  @Test
  void answersEveryBadBodyOnEveryEndpointWithA4xxProblemAndStoresNothing() {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> endpoint : validBodies.entrySet()) {
      String method = endpoint.getKey().split(" ")[0];
      String path = endpoint.getKey().split(" ")[1];
      for (Map.Entry<String, String> bad : badBodies(endpoint.getValue()).entrySet()) {
        Map<String, Long> before = counts();
        HttpResponse<String> response = Http.request(method, url(path), bad.getValue(), "If-Match", "\"1\"");
        String what = endpoint.getKey() + " with " + bad.getKey();
        if (response.statusCode() < 400 || response.statusCode() >= 500) {
          failures.add(what + " answered " + response.statusCode() + " " + abbreviate(response.body()));
        } else if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
          failures.add(what + " answered without a problem body");
        }
        if (!counts().equals(before)) {
          failures.add(what + " changed the stored documents");
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /**
   * Definitions the catalogue took and the service requests made under them then failed on with a 500: an OPD of
   * one character (the events' schema asks for 2 to 64), a null attribute, a list value that is null or has no key.
   */
  @Test
  void refusesServiceDefinitionsThatItsRequestsCouldNotUse() {
    for (String body : List.of(
        "{\"name\":\"Uji\",\"opd\":\"X\",\"slaWorkingDays\":3}",
        "{\"name\":\"Uji\",\"opd\":\" X \",\"slaWorkingDays\":3}",
        "{\"name\":\"Uji\",\"opd\":\"DLH\",\"slaWorkingDays\":3,\"attributes\":[null]}",
        "{\"name\":\"Uji\",\"opd\":\"DLH\",\"slaWorkingDays\":3,\"keywords\":[null]}",
        "{\"name\":\"Uji\",\"opd\":\"DLH\",\"slaWorkingDays\":3,\"attributes\":[{\"code\":\"jenis\","
            + "\"datatype\":\"singlevaluelist\",\"values\":[null]}]}",
        "{\"name\":\"Uji\",\"opd\":\"DLH\",\"slaWorkingDays\":3,\"attributes\":[{\"code\":\"jenis\","
            + "\"datatype\":\"singlevaluelist\",\"values\":[{\"name\":\"Organik\"}]}]}")) {
      Map<String, Long> before = counts();
      HttpResponse<String> response = Http.request("PUT", url("/api/v1/service-catalogue/UJI-DEFINISI"), body);
      assertThat(response.statusCode()).as(body + " " + response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).as(body).contains("application/problem+json");
      assertThat(counts()).as(body).isEqualTo(before);
    }
  }

  @Test
  void refusesAbsurdPagingAndMalformedParametersWith400() {
    for (String query : List.of("/api/v1/citizens?size=1000000", "/api/v1/citizens?page=-1",
        "/api/v1/citizens?size=abc", "/api/v1/service-requests?size=100000", "/api/v1/service-requests?page=99999999",
        "/api/v1/service-requests?from=kemarin", "/api/v1/events/" + eventId + "/registrations?size=5000",
        "/api/v1/events/" + eventId + "/registrations?status=vip", "/api/v1/regions?level=%7B%22%24gt%22%3A%22%22%7D",
        "/open311/v2/requests.json?end_date=%7B%22%24gt%22%3A%22%22%7D")) {
      HttpResponse<String> response = Http.get(url(query));
      assertThat(response.statusCode()).as(query + " " + response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).as(query).contains("application/problem+json");
    }
  }

  @Test
  void treatsOperatorsInPathsAsPlainIdsThatDoNotExist() {
    for (String path : List.of("/api/v1/citizens/%7B%22%24gt%22%3A%22%22%7D", "/api/v1/service-requests/%24where",
        "/api/v1/events/%7B%22%24ne%22%3Anull%7D", "/open311/v2/requests/%24gt.json")) {
      assertThat(Http.get(url(path)).statusCode()).as(path).isEqualTo(404);
    }
  }

  /** Each kind of bad input, derived from a valid body so every field gets its turn. */
  private static Map<String, String> badBodies(String valid) {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("malformed JSON", valid.substring(0, valid.length() / 2));
    bad.put("an array", "[1,2,3]");
    bad.put("a bare string", "\"hello\"");
    bad.put("an unknown field", valid.substring(0, valid.lastIndexOf('}')) + ",\"isAdmin\":true}");
    bad.put("an oversized body", valid.substring(0, valid.lastIndexOf('}')) + ",\"padding\":\""
        + "x".repeat(2 * 1024 * 1024) + "\"}");
    JsonNode node = JSON.readTree(valid);
    for (String field : node.propertyNames()) {
      JsonNode value = node.get(field);
      if (value.isString()) {
        bad.put("$gt in " + field, valid.replace(JSON.writeValueAsString(value), "{\"$gt\":\"\"}"));
        bad.put("$where in " + field, valid.replace(JSON.writeValueAsString(value),
            "{\"$where\":\"sleep(5000)\"}"));
        bad.put("a number in " + field, valid.replace(JSON.writeValueAsString(value), "12345"));
      }
    }
    return bad;
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String collection : List.of("citizens", "service_requests", "service_catalogue", "public_events",
        "event_registrations")) {
      counts.put(collection, mongo.getCollection(collection).countDocuments());
    }
    return counts;
  }

  private static String id(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("id").asString();
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
