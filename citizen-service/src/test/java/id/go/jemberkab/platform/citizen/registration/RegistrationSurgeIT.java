package id.go.jemberkab.platform.citizen.registration;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.jemberkab.platform.citizen.CitizenServiceIT;
import id.go.jemberkab.platform.testsupport.Http;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webinar of 22 June 2021, against the real Mongo wire server: 2,000 people register at once for a
 * Zoom room of 1,000. Exactly 1,000 are confirmed, 1,000 wait in order, nobody gets a 5xx; then ten
 * confirmed registrants cancel and the first ten on the waitlist are offered their seats, in order.
 */
@CitizenServiceIT
class RegistrationSurgeIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int CAPACITY = 1000;
  private static final int REGISTRANTS = 2000;

  @LocalServerPort
  int port;

  @Test
  void confirmsExactlyTheCapacityWaitlistsTheRestInOrderAndOffersFreedSeatsToTheFirstWaiting() throws Exception {
    String eventId = createWebinar();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    List<Future<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < REGISTRANTS; i++) {
      String body = "{\"name\":\"Peserta %s\",\"email\":\"peserta%d@example.id\"}".formatted(letters(i), i);
      calls.add(pool.submit(() -> Http.post(url("/api/v1/events/" + eventId + "/registrations"), body)));
    }
    List<JsonNode> registrations = new ArrayList<>();
    for (Future<HttpResponse<String>> call : calls) {
      HttpResponse<String> response = call.get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      registrations.add(JSON.readTree(response.body()));
    }
    pool.shutdown();

    List<JsonNode> confirmed = withStatus(registrations, "confirmed");
    List<JsonNode> waitlisted = withStatus(registrations, "waitlisted");
    assertThat(confirmed).hasSize(CAPACITY);
    assertThat(waitlisted).hasSize(REGISTRANTS - CAPACITY);
    assertThat(waitlisted.stream().map(r -> r.path("waitlistNumber").asLong()).sorted().toList())
        .isEqualTo(IntStream.rangeClosed(1, REGISTRANTS - CAPACITY).mapToObj(Long::valueOf).toList());
    assertThat(waitlisted).allSatisfy(r ->
        assertThat(r.path("overflowUrl").asString()).isEqualTo("https://www.youtube.com/@pemkabjember/live"));
    JsonNode event = JSON.readTree(Http.get(url("/api/v1/events/" + eventId)).body());
    assertThat(event.path("confirmed").asLong()).isEqualTo(CAPACITY);
    assertThat(event.path("waitlisted").asLong()).isEqualTo(REGISTRANTS - CAPACITY);

    for (JsonNode leaving : confirmed.subList(0, 10)) {
      HttpResponse<String> cancelled = Http.request("POST", url("/api/v1/events/" + eventId + "/registrations/"
          + leaving.path("id").asString() + "/cancel"), null);
      assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    }

    List<JsonNode> byNumber = waitlisted.stream()
        .sorted(Comparator.comparingLong(r -> r.path("waitlistNumber").asLong())).toList();
    for (int i = 0; i < byNumber.size(); i++) {
      JsonNode now = JSON.readTree(Http.get(url("/api/v1/events/" + eventId + "/registrations/"
          + byNumber.get(i).path("id").asString())).body());
      assertThat(now.path("status").asString()).as("waitlist number %d", i + 1)
          .isEqualTo(i < 10 ? "offered" : "waitlisted");
    }
    JsonNode after = JSON.readTree(Http.get(url("/api/v1/events/" + eventId)).body());
    assertThat(after.path("confirmed").asLong() + after.path("offered").asLong()).isEqualTo(CAPACITY);
  }

  /** 1234 → "bcde": names hold letters only. */
  private static String letters(int i) {
    return Integer.toString(i).chars().mapToObj(c -> String.valueOf((char) ('a' + c - '0')))
        .collect(java.util.stream.Collectors.joining());
  }

  private List<JsonNode> withStatus(List<JsonNode> registrations, String status) {
    return registrations.stream().filter(r -> r.path("status").asString().equals(status)).toList();
  }

  private String createWebinar() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
    HttpResponse<String> created = Http.post(url("/api/v1/events"), """
        {"title":"Webinar Literasi Digital Jember: Dampak Positif Bermedsos","capacity":%d,
         "overflowUrl":"https://www.youtube.com/@pemkabjember/live","opensAt":"%s","closesAt":"%s",
         "startsAt":"%s","endsAt":"%s","offerHoldMinutes":60}""".formatted(CAPACITY, now.minusHours(1),
        now.plusDays(7), now.plusDays(7), now.plusDays(7).plusHours(3)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).path("id").asString();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
