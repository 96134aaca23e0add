package id.go.jemberkab.platform.citizen.registration;

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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Offers, acceptance, expiry, one registration per person, check-in and no-shows, with their events. */
@CitizenServiceIT
class RegistrationLifecycleIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Autowired
  RegistrationDesk desk;

  @Autowired
  TestClock clock;

  @Test
  void passesAnExpiredOrDeclinedOfferToTheNextAndConfirmsAnAcceptedOne() {
    String event = createEvent(1, 30, Duration.ofDays(3));
    JsonNode seated = register(event, "a");
    JsonNode first = register(event, "b");
    JsonNode second = register(event, "c");
    JsonNode third = register(event, "d");
    assertThat(List.of(first, second, third)).allSatisfy(r -> assertThat(r.path("status").asString()).isEqualTo("waitlisted"));

    action(event, seated, "cancel");
    assertThat(status(event, first)).isEqualTo("offered");
    clock.advance(Duration.ofMinutes(31));
    try {
      desk.sweep();
    } finally {
      clock.reset();
    }
    assertThat(status(event, first)).isEqualTo("expired");
    assertThat(status(event, second)).isEqualTo("offered");
    action(event, second, "decline");
    assertThat(status(event, third)).isEqualTo("offered");
    HttpResponse<String> accepted = action(event, third, "accept");
    assertThat(JSON.readTree(accepted.body()).path("status").asString()).isEqualTo("confirmed");
    assertThat(action(event, third, "accept").statusCode()).isEqualTo(409);

    // one aggregate per registration: their events interleave in any order, each registration's in its own
    List<String> types = await().atMost(Duration.ofSeconds(10)).until(() -> eventTypes(event), t -> t.size() == 11);
    assertThat(types).containsExactlyInAnyOrder(EventType.REGISTRATION_CONFIRMED.type(),
        EventType.REGISTRATION_WAITLISTED.type(), EventType.REGISTRATION_WAITLISTED.type(),
        EventType.REGISTRATION_WAITLISTED.type(), EventType.REGISTRATION_CANCELLED.type(),
        EventType.SEAT_OFFERED.type(), EventType.REGISTRATION_CANCELLED.type(), EventType.SEAT_OFFERED.type(),
        EventType.REGISTRATION_CANCELLED.type(), EventType.SEAT_OFFERED.type(), EventType.REGISTRATION_CONFIRMED.type());
  }

  @Test
  void allowsOneRegistrationPerPersonByEmailOrCitizen() {
    String event = createEvent(10, 60, Duration.ofDays(3));
    register(event, "satu");
    HttpResponse<String> again = Http.post(url("/api/v1/events/" + event + "/registrations"),
        "{\"name\":\"Orang Lain\",\"email\":\"SATU@example.id\"}");
    assertThat(again.statusCode()).isEqualTo(409);

    JsonNode citizen = JSON.readTree(Http.post(url("/api/v1/citizens"), SampleCitizens.registration("35.09.19.1001")).body());
    String citizenId = citizen.path("id").asString();
    String asCitizen = "{\"citizenId\":\"" + citizenId + "\"}";
    HttpResponse<String> noConsent = Http.post(url("/api/v1/events/" + event + "/registrations"), asCitizen);
    assertThat(noConsent.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(noConsent.body()).path("type").asString()).endsWith("/consent-missing");
    Http.request("PUT", url("/api/v1/citizens/" + citizenId + "/consents/event-notification"), "{\"granted\":true}");
    assertThat(Http.post(url("/api/v1/events/" + event + "/registrations"), asCitizen).statusCode()).isEqualTo(201);
    assertThat(Http.post(url("/api/v1/events/" + event + "/registrations"), asCitizen).statusCode()).isEqualTo(409);
  }

  @Test
  void checksInConfirmedRegistrantsAndCountsNoShowsAfterTheEvent() {
    String event = createEvent(5, 60, Duration.ofMinutes(30));
    JsonNode came = register(event, "hadir");
    JsonNode stayedHome = register(event, "absen");
    assertThat(JSON.readTree(action(event, came, "check-in").body()).path("status").asString()).isEqualTo("checked_in");
    assertThat(action(event, came, "check-in").statusCode()).isEqualTo(409);

    clock.advance(Duration.ofHours(5));
    try {
      JsonNode after = JSON.readTree(Http.get(url("/api/v1/events/" + event)).body());
      assertThat(after.path("checkedIn").asLong()).isEqualTo(1);
      assertThat(after.path("noShows").asLong()).isEqualTo(1);
      assertThat(action(event, stayedHome, "check-in").statusCode()).isEqualTo(409);
      assertThat(action(event, stayedHome, "cancel").statusCode()).as("a no-show stays one").isEqualTo(409);
      assertThat(JSON.readTree(Http.get(url("/api/v1/events/" + event)).body()).path("noShows").asLong())
          .isEqualTo(1);
    } finally {
      clock.reset();
    }
  }

  @Test
  void refusesRegistrationOutsideTheWindow() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
    HttpResponse<String> created = Http.post(url("/api/v1/events"), """
        {"title":"Pelatihan UMKM","capacity":10,"opensAt":"%s","closesAt":"%s","startsAt":"%s","endsAt":"%s"}"""
        .formatted(now.plusDays(1), now.plusDays(2), now.plusDays(3), now.plusDays(3).plusHours(2)));
    String event = JSON.readTree(created.body()).path("id").asString();
    HttpResponse<String> early = Http.post(url("/api/v1/events/" + event + "/registrations"),
        "{\"name\":\"Awal\",\"email\":\"awal@example.id\"}");
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(early.body()).path("type").asString()).endsWith("/registration-closed");

    HttpResponse<String> closingAfterTheEnd = Http.post(url("/api/v1/events"), """
        {"title":"Pelatihan UMKM","capacity":10,"opensAt":"%s","closesAt":"%s","startsAt":"%s","endsAt":"%s"}"""
        .formatted(now.plusDays(1), now.plusDays(4), now.plusDays(3), now.plusDays(3).plusHours(2)));
    assertThat(closingAfterTheEnd.statusCode()).as(closingAfterTheEnd.body()).isEqualTo(400);
    assertThat(closingAfterTheEnd.body()).contains("closesAt");

    HttpResponse<String> bell = Http.post(url("/api/v1/events"), """
        {"title":"Pelatihan\\u0007UMKM","capacity":10,"opensAt":"%s","closesAt":"%s","startsAt":"%s","endsAt":"%s"}"""
        .formatted(now.plusDays(1), now.plusDays(2), now.plusDays(3), now.plusDays(3).plusHours(2)));
    assertThat(bell.statusCode()).as(bell.body()).isEqualTo(400);
    assertThat(JSON.readTree(bell.body()).path("errors").get(0).path("field").asString()).isEqualTo("title");
  }

  @Test
  void listsEventsWithHowFullTheyAreUpcomingAndPast() {
    String full = createEvent(1, 60, Duration.ofDays(30));
    register(full, "kursi");
    register(full, "antre");
    String later = createEvent(3, 60, Duration.ofDays(31));
    register(later, "satu");

    List<JsonNode> upcoming = events("upcoming");
    List<String> ids = upcoming.stream().map(e -> e.path("id").asString()).toList();
    assertThat(ids).as("soonest first").containsSubsequence(full, later);
    JsonNode fullRow = upcoming.get(ids.indexOf(full));
    assertThat(fullRow.path("seatsTaken").asLong()).isEqualTo(1);
    assertThat(fullRow.path("waitlisted").asLong()).isEqualTo(1);
    assertThat(fullRow.path("full").asBoolean()).isTrue();
    JsonNode laterRow = upcoming.get(ids.indexOf(later));
    assertThat(laterRow.path("seatsTaken").asLong()).isEqualTo(1);
    assertThat(laterRow.path("waitlisted").asLong()).isZero();
    assertThat(laterRow.path("full").asBoolean()).isFalse();
    assertThat(laterRow.has("seats")).as("the seat list stays inside").isFalse();
    assertThat(events("past").stream().map(e -> e.path("id").asString())).doesNotContain(full, later);
    assertThat(events("all").stream().map(e -> e.path("id").asString())).as("latest first")
        .containsSubsequence(later, full);

    clock.advance(Duration.ofDays(30).plusHours(4));
    try {
      assertThat(events("upcoming").stream().map(e -> e.path("id").asString())).contains(later).doesNotContain(full);
      assertThat(events("past").stream().map(e -> e.path("id").asString())).contains(full).doesNotContain(later);
    } finally {
      clock.reset();
    }
    for (String bad : List.of("?when=soon", "?size=0", "?size=101", "?page=-1", "?size=lots")) {
      HttpResponse<String> refused = Http.get(url("/api/v1/events" + bad));
      assertThat(refused.statusCode()).as(bad + ": " + refused.body()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
    }
  }

  /** Every page of the list. */
  private List<JsonNode> events(String when) {
    List<JsonNode> all = new java.util.ArrayList<>();
    for (int page = 0; ; page++) {
      HttpResponse<String> response = Http.get(url("/api/v1/events?when=" + when + "&size=100&page=" + page));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      List<JsonNode> rows = JSON.readTree(response.body()).valueStream().toList();
      if (rows.isEmpty()) {
        return all;
      }
      all.addAll(rows);
    }
  }

  private String createEvent(int capacity, int holdMinutes, Duration untilStart) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
    HttpResponse<String> created = Http.post(url("/api/v1/events"), """
        {"title":"Rapat Koordinasi","capacity":%d,"overflowUrl":"https://www.youtube.com/@pemkabjember/live",
         "opensAt":"%s","closesAt":"%s","startsAt":"%s","endsAt":"%s","offerHoldMinutes":%d}""".formatted(capacity,
        now.minusHours(1), now.plus(untilStart), now.plus(untilStart), now.plus(untilStart).plusHours(2),
        holdMinutes));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).path("id").asString();
  }

  private JsonNode register(String event, String who) {
    HttpResponse<String> response = Http.post(url("/api/v1/events/" + event + "/registrations"),
        "{\"name\":\"Peserta " + who + "\",\"email\":\"" + who + "@example.id\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> action(String event, JsonNode registration, String action) {
    return Http.request("POST", url("/api/v1/events/" + event + "/registrations/" + registration.path("id").asString()
        + "/" + action), null);
  }

  private String status(String event, JsonNode registration) {
    return JSON.readTree(Http.get(url("/api/v1/events/" + event + "/registrations/"
        + registration.path("id").asString())).body()).path("status").asString();
  }

  private List<String> eventTypes(String eventId) {
    EventSchemas schemas = EventSchemas.load();
    return TopicReader.readAll(bootstrap, "citizen.registrations.v1").stream()
        .filter(r -> eventId.equals(r.key()))
        .peek(r -> assertThat(schemas.violations(EventType.of(CloudEventHeaders.read(r).type()).orElseThrow(),
            r.value())).isEmpty())
        .map(r -> CloudEventHeaders.read(r).type())
        .toList();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
