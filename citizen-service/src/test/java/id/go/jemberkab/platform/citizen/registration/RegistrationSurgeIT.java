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

  @org.springframework.beans.factory.annotation.Autowired
  RegistrationDesk desk;

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.data.mongodb.core.MongoTemplate mongo;

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

  /**
   * Seats freed while other offers run for the same event: each cancel offers the seat it freed while four
   * sweepers (other replicas) offer free seats too. No seat goes to two people, and every offered registrant
   * holds one: before, two offers of the same waitlisted registrant both ran, and the one that lost gave back the
   * seat the winner had just taken, so the offered registrant held none and the next one was seated as well.
   */
  @Test
  void seatsFreedWhileOthersOfferThemAreEachOfferedOnceAndHeld() throws Exception {
    int capacity = 40;
    String eventId = createWebinar(capacity);
    List<JsonNode> confirmed = new ArrayList<>();
    for (int i = 0; i < capacity * 3; i++) {
      HttpResponse<String> registered = Http.post(url("/api/v1/events/" + eventId + "/registrations"),
          "{\"name\":\"Peserta %s\",\"email\":\"antre%d@example.id\"}".formatted(letters(i), i));
      assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
      JsonNode registration = JSON.readTree(registered.body());
      if (registration.path("status").asString().equals("confirmed")) {
        confirmed.add(registration);
      }
    }
    assertThat(confirmed).hasSize(capacity);

    ExecutorService pool = Executors.newFixedThreadPool(12);
    java.util.concurrent.atomic.AtomicBoolean cancelling = new java.util.concurrent.atomic.AtomicBoolean(true);
    List<Future<?>> sweepers = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      sweepers.add(pool.submit(() -> {
        while (cancelling.get()) {
          desk.offerFreedSeats(eventId);
        }
        return null;
      }));
    }
    List<Future<HttpResponse<String>>> cancels = new ArrayList<>();
    for (JsonNode leaving : confirmed.subList(0, capacity / 2)) {
      cancels.add(pool.submit(() -> Http.request("POST", url("/api/v1/events/" + eventId + "/registrations/"
          + leaving.path("id").asString() + "/cancel"), null)));
    }
    for (Future<HttpResponse<String>> cancel : cancels) {
      assertThat(cancel.get().statusCode()).as(cancel.get().body()).isEqualTo(200);
    }
    cancelling.set(false);
    for (Future<?> sweeper : sweepers) {
      sweeper.get();
    }
    pool.shutdown();
    desk.offerFreedSeats(eventId);

    PublicEventDocument event = mongo.findById(eventId, PublicEventDocument.class);
    List<RegistrationDocument> registrations = mongo.find(
        org.springframework.data.mongodb.core.query.Query.query(
            org.springframework.data.mongodb.core.query.Criteria.where("eventId").is(eventId)),
        RegistrationDocument.class);
    List<String> seated = registrations.stream().filter(r -> RegistrationStatus.SEATED.contains(r.status()))
        .map(RegistrationDocument::id).sorted().toList();
    assertThat(event.seats()).as("seats, each held once").doesNotHaveDuplicates();
    assertThat(event.seats().stream().sorted().toList()).as("seats against the seated registrations")
        .isEqualTo(seated);
    assertThat(seated).hasSize(capacity);
    assertThat(event.waiting()).as("waiting count")
        .isEqualTo(registrations.stream().filter(r -> r.status() == RegistrationStatus.WAITLISTED).count());
  }

  /**
   * A cancel changes the status first and frees the seat after: a process that died in between left the seat
   * taken for good, and the first on the waitlist was never offered it. The sweep frees it once the cancel is older
   * than the grace a cancel in progress gets.
   */
  @Test
  void aSeatLeftTakenByACancelThatDiedHalfwayIsFreedAndOffered() throws Exception {
    String eventId = createWebinar(2);
    List<JsonNode> registered = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response = Http.post(url("/api/v1/events/" + eventId + "/registrations"),
          "{\"name\":\"Peserta %s\",\"email\":\"separuh%d@example.id\"}".formatted(letters(i), i));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      registered.add(JSON.readTree(response.body()));
    }
    assertThat(registered.stream().map(r -> r.path("status").asString()).toList())
        .containsExactly("confirmed", "confirmed", "waitlisted");
    String gone = registered.get(0).path("id").asString();
    // the cancel's first write, and nothing after it
    org.springframework.data.mongodb.core.query.Query cancelled = org.springframework.data.mongodb.core.query.Query
        .query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(gone));
    mongo.updateFirst(cancelled, new org.springframework.data.mongodb.core.query.Update()
        .set("status", RegistrationStatus.CANCELLED).set("updatedAt", java.time.Instant.now().minusSeconds(5)),
        RegistrationDocument.class);
    desk.sweep();
    assertThat(mongo.findById(eventId, PublicEventDocument.class).seats()).as("within the grace").contains(gone);

    mongo.updateFirst(cancelled, new org.springframework.data.mongodb.core.query.Update()
        .set("updatedAt", java.time.Instant.now().minus(RegistrationDesk.PENDING_GRACE).minusSeconds(1)),
        RegistrationDocument.class);
    desk.sweep();
    PublicEventDocument event = mongo.findById(eventId, PublicEventDocument.class);
    String waiting = registered.get(2).path("id").asString();
    assertThat(event.seats()).containsExactlyInAnyOrder(registered.get(1).path("id").asString(), waiting);
    assertThat(JSON.readTree(Http.get(url("/api/v1/events/" + eventId + "/registrations/" + waiting)).body())
        .path("status").asString()).isEqualTo("offered");
    assertThat(event.waiting()).isZero();
  }

  /**
   * A newcomer being decided (counted as waiting, not yet marked waitlisted) while a cancel frees the only seat: the
   * cancel's offer found nobody waitlisted and set the count to 0, so the newcomer waited behind a free seat for good
   * and the next newcomer took it.
   */
  @Test
  void aNewcomerDecidedWhileASeatIsFreedIsOfferedIt() throws Exception {
    String eventId = createWebinar(1);
    List<String> ids = register(eventId, 2, "sela");
    org.springframework.data.mongodb.core.query.Query newcomer = org.springframework.data.mongodb.core.query.Query
        .query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(ids.get(1)));
    // the newcomer's decision between its two writes: counted as waiting, still pending
    mongo.updateFirst(newcomer, new org.springframework.data.mongodb.core.query.Update()
        .set("status", RegistrationStatus.PENDING), RegistrationDocument.class);
    assertThat(mongo.findById(eventId, PublicEventDocument.class).waiting()).isEqualTo(1);

    HttpResponse<String> cancelled = Http.request("POST", url("/api/v1/events/" + eventId + "/registrations/"
        + ids.get(0) + "/cancel"), null);
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    // the decision's second write
    mongo.updateFirst(newcomer, new org.springframework.data.mongodb.core.query.Update()
        .set("status", RegistrationStatus.WAITLISTED), RegistrationDocument.class);
    assertThat(mongo.findById(eventId, PublicEventDocument.class).waiting()).as("the newcomer still counts")
        .isEqualTo(1);

    desk.sweep();
    assertThat(JSON.readTree(Http.get(url("/api/v1/events/" + eventId + "/registrations/" + ids.get(1))).body())
        .path("status").asString()).isEqualTo("offered");
  }

  /** A registration the sweep cannot decide (its event is gone) held up every expiry and offer after it, every time. */
  @Test
  void oneRegistrationTheSweepCannotDecideHoldsUpNothingElse() throws Exception {
    String eventId = createWebinar(1);
    List<String> ids = register(eventId, 3, "yatim");
    // the third: pending for long, for an event that is no longer there
    mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(ids.get(2))),
        new org.springframework.data.mongodb.core.query.Update().set("status", RegistrationStatus.PENDING)
            .set("eventId", "gone-" + eventId).set("createdAt", java.time.Instant.now().minusSeconds(3600)),
        RegistrationDocument.class);
    // the second: offered the seat the first freed, its hold over
    assertThat(Http.request("POST", url("/api/v1/events/" + eventId + "/registrations/" + ids.get(0) + "/cancel"),
        null).statusCode()).isEqualTo(200);
    mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(ids.get(1))),
        new org.springframework.data.mongodb.core.query.Update().set("holdUntil",
            java.time.Instant.now().minusSeconds(1)), RegistrationDocument.class);

    desk.sweep();

    assertThat(JSON.readTree(Http.get(url("/api/v1/events/" + eventId + "/registrations/" + ids.get(1))).body())
        .path("status").asString()).isEqualTo("expired");
  }

  /** {@code n} registrations by name and e-mail ({@code <mailbox><i>@example.id}), one after another: their ids. */
  private List<String> register(String eventId, int n, String mailbox) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<String> response = Http.post(url("/api/v1/events/" + eventId + "/registrations"),
          "{\"name\":\"Peserta %s\",\"email\":\"%s%d@example.id\"}".formatted(letters(i), mailbox, i));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      ids.add(JSON.readTree(response.body()).path("id").asString());
    }
    return ids;
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
    return createWebinar(CAPACITY);
  }

  private String createWebinar(int capacity) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
    HttpResponse<String> created = Http.post(url("/api/v1/events"), """
        {"title":"Webinar Literasi Digital Jember: Dampak Positif Bermedsos","capacity":%d,
         "overflowUrl":"https://www.youtube.com/@pemkabjember/live","opensAt":"%s","closesAt":"%s",
         "startsAt":"%s","endsAt":"%s","offerHoldMinutes":60}""".formatted(capacity, now.minusHours(1),
        now.plusDays(7), now.plusDays(7), now.plusDays(7).plusHours(3)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).path("id").asString();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
