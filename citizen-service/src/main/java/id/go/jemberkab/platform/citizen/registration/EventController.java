package id.go.jemberkab.platform.citizen.registration;

import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.Inputs;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/events}: events with limited seats, and the registrations for them. */
@RestController
@RequestMapping(path = "/api/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Event registrations")
class EventController {

  static final int MAX_CAPACITY = 100_000;
  static final int MAX_PAGE_SIZE = 100;

  private final RegistrationDesk desk;
  private final Clock clock;

  EventController(RegistrationDesk desk, Clock clock) {
    this.desk = desk;
    this.clock = clock;
  }

  @Schema(example = """
      {"title":"Webinar Literasi Digital Jember: Dampak Positif Bermedsos","capacity":1000,
       "overflowUrl":"https://www.youtube.com/@pemkabjember/live","opensAt":"2026-12-01T00:00:00+07:00",
       "closesAt":"2026-12-08T09:00:00+07:00","startsAt":"2026-12-08T09:00:00+07:00",
       "endsAt":"2026-12-08T12:00:00+07:00","offerHoldMinutes":60}""")
  record CreateEventRequest(String title, Integer capacity, String overflowUrl, String opensAt, String closesAt,
      String startsAt, String endsAt, Integer offerHoldMinutes) {
  }

  /** As a registered citizen ({@code citizenId}, needs event-notification consent) or by name and e-mail. */
  @Schema(example = "{\"name\":\"Siti Aminah\",\"email\":\"siti.aminah@example.id\"}")
  record RegisterRequest(String citizenId, String name, String email) {
  }

  @Schema(example = """
      {"id":"a1d3c0de-6e7f-4b1a-9c2d-3e4f5a6b7c8d","title":"Webinar Literasi Digital Jember","capacity":1000,
       "overflowUrl":"https://www.youtube.com/@pemkabjember/live","opensAt":"2026-11-30T17:00:00Z",
       "closesAt":"2026-12-08T02:00:00Z","startsAt":"2026-12-08T02:00:00Z","endsAt":"2026-12-08T05:00:00Z",
       "offerHoldMinutes":60,"confirmed":1000,"offered":0,"waitlisted":1043,"checkedIn":0,"cancelled":12,"noShows":null}""")
  record EventResponse(String id, String title, int capacity, String overflowUrl, Instant opensAt, Instant closesAt,
      Instant startsAt, Instant endsAt, int offerHoldMinutes, long confirmed, long offered, long waitlisted,
      long checkedIn, long cancelled, Long noShows) {
  }

  /** A registration as its registrant sees it; the overflow channel when waitlisted. */
  @Schema(example = """
      {"id":"5b2f0a52-0d0e-4f0c-8f3e-1f1c9a0b7d22","eventId":"a1d3c0de-6e7f-4b1a-9c2d-3e4f5a6b7c8d",
       "status":"waitlisted","waitlistNumber":17,"holdUntil":null,"overflowUrl":"https://www.youtube.com/@pemkabjember/live",
       "registeredAt":"2026-12-01T01:00:00Z","confirmedAt":null,"checkedInAt":null}""")
  record RegistrationResponse(String id, String eventId, String status, Long waitlistNumber, Instant holdUntil,
      String overflowUrl, Instant registeredAt, Instant confirmedAt, Instant checkedInAt) {
  }

  /** An event in a list: its schedule and how full it is. */
  @Schema(example = """
      {"id":"a1d3c0de-6e7f-4b1a-9c2d-3e4f5a6b7c8d","title":"Webinar Literasi Digital Jember","capacity":1000,
       "opensAt":"2026-11-30T17:00:00Z","closesAt":"2026-12-08T02:00:00Z","startsAt":"2026-12-08T02:00:00Z",
       "endsAt":"2026-12-08T05:00:00Z","seatsTaken":1000,"waitlisted":1043,"full":true}""")
  record EventSummary(String id, String title, int capacity, Instant opensAt, Instant closesAt, Instant startsAt,
      Instant endsAt, long seatsTaken, long waitlisted, boolean full) {
  }

  @GetMapping
  @Operation(summary = "Events with how full they are",
      description = "when=upcoming (the default: not yet ended, soonest first), past (ended, latest first) or all "
          + "(latest first). seatsTaken counts confirmed, offered and checked-in registrations; waitlisted those "
          + "still waiting for a seat.")
  List<EventSummary> list(@RequestParam(defaultValue = "upcoming") String when,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (!List.of("upcoming", "past", "all").contains(when)) {
      throw InvalidRequestException.of("when", "when.invalid", "when is upcoming, past or all");
    }
    if (size < 1 || size > MAX_PAGE_SIZE || page < 0 || page > 10_000) {
      throw InvalidRequestException.of("size", "page.out-of-range", "size 1-" + MAX_PAGE_SIZE + ", page 0-10000");
    }
    return desk.events(when, clock.instant(), page, size).stream().map(event -> {
      long taken = desk.seatsTaken(event.id());
      long waitlisted = desk.count(event.id(), RegistrationStatus.WAITLISTED);
      return new EventSummary(event.id(), event.title(), event.capacity(), event.opensAt(), event.closesAt(),
          event.startsAt(), event.endsAt(), taken, waitlisted, taken >= event.capacity());
    }).toList();
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create an event with a capacity, an overflow channel and a registration window")
  ResponseEntity<EventResponse> create(@RequestBody CreateEventRequest request) {
    List<FieldError> errors = new ArrayList<>();
    String title = request.title() == null ? "" : request.title().strip();
    if (title.isEmpty() || title.length() > 200 || Inputs.hasControlCharacters(title, false)) {
      errors.add(new FieldError("title", "title.invalid",
          "title is required, at most 200 characters, without control characters"));
    }
    if (request.capacity() == null || request.capacity() < 1 || request.capacity() > MAX_CAPACITY) {
      errors.add(new FieldError("capacity", "capacity.out-of-range", "capacity must lie between 1 and " + MAX_CAPACITY));
    }
    String overflow = Inputs.httpUrl("overflowUrl", request.overflowUrl(), errors);
    Instant opens = Inputs.dateTime("opensAt", request.opensAt(), true, errors);
    Instant closes = Inputs.dateTime("closesAt", request.closesAt(), true, errors);
    Instant starts = Inputs.dateTime("startsAt", request.startsAt(), true, errors);
    Instant ends = Inputs.dateTime("endsAt", request.endsAt(), true, errors);
    if (opens != null && closes != null && !opens.isBefore(closes)) {
      errors.add(new FieldError("closesAt", "window.invalid", "closesAt must come after opensAt"));
    }
    if (starts != null && ends != null && !starts.isBefore(ends)) {
      errors.add(new FieldError("endsAt", "schedule.invalid", "endsAt must come after startsAt"));
    }
    if (closes != null && ends != null && closes.isAfter(ends)) {
      // registrations taken after the end would be offered seats of an event that is over
      errors.add(new FieldError("closesAt", "window.invalid", "closesAt must not come after endsAt"));
    }
    int hold = request.offerHoldMinutes() == null ? 60 : request.offerHoldMinutes();
    if (hold < 1 || hold > 7 * 24 * 60) {
      errors.add(new FieldError("offerHoldMinutes", "hold.out-of-range", "offerHoldMinutes must lie between 1 and 10080"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    PublicEventDocument event = desk.createEvent(new PublicEventDocument(UUID.randomUUID().toString(), title,
        request.capacity(), overflow, opens, closes, starts, ends, hold, List.of(), 0, 0, clock.instant()));
    return ResponseEntity.created(URI.create("/api/v1/events/" + event.id())).body(response(event));
  }

  @GetMapping("/{id}")
  @Operation(summary = "An event with its seat counts",
      description = "noShows (confirmed registrants who never checked in) is counted once the event has ended.")
  EventResponse get(@PathVariable String id) {
    return response(desk.event(id));
  }

  @PostMapping(path = "/{id}/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Register for an event",
      description = "201 confirmed while seats last and nobody waits; 201 waitlisted (with the overflow channel) "
          + "otherwise. Never more confirmed seats than the capacity, under any concurrency. 409 when the "
          + "person is already registered or registration is closed.")
  ResponseEntity<RegistrationResponse> register(@PathVariable String id, @RequestBody RegisterRequest request) {
    List<FieldError> errors = new ArrayList<>();
    String email = null;
    String name = null;
    if (request.citizenId() == null) {
      name = request.name() == null ? "" : request.name().strip();
      if (name.isEmpty() || name.length() > 100 || !name.matches("\\p{L}[\\p{L} .,'-]*")) {
        errors.add(new FieldError("name", "name.invalid",
            "name is required without citizenId: letters, spaces and . , ' - , at most 100"));
      }
      email = request.email() == null ? "" : request.email().strip().toLowerCase(Locale.ROOT);
      if (email.length() > 254 || !email.matches("[a-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}")) {
        errors.add(new FieldError("email", "email.invalid", "email is required without citizenId, name@domain"));
      }
    } else if (request.name() != null || request.email() != null) {
      errors.add(new FieldError("citizenId", "person.ambiguous",
          "register either as a citizen (citizenId) or by name and email, not both"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    RegistrationDocument registration = desk.register(id, request.citizenId(), name, email);
    return ResponseEntity.created(URI.create("/api/v1/events/" + id + "/registrations/" + registration.id()))
        .body(response(registration, desk.event(id)));
  }

  @GetMapping("/{id}/registrations")
  @Operation(summary = "Registrations of an event, in arrival order (for organisers)")
  List<RegistrationResponse> registrations(@PathVariable String id, @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    PublicEventDocument event = desk.event(id);
    RegistrationStatus filter = null;
    if (status != null) {
      try {
        filter = RegistrationStatus.valueOf(status.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw InvalidRequestException.of("status", "status.invalid",
            "status is confirmed, waitlisted, offered, checked_in, cancelled, declined or expired");
      }
    }
    if (size < 1 || size > MAX_PAGE_SIZE || page < 0 || page > 10_000) {
      throw InvalidRequestException.of("size", "page.out-of-range", "size 1-" + MAX_PAGE_SIZE + ", page 0-10000");
    }
    return desk.registrations(id, filter, page, size).stream().map(r -> response(r, event)).toList();
  }

  @GetMapping("/{id}/registrations/{registrationId}")
  RegistrationResponse registration(@PathVariable String id, @PathVariable String registrationId) {
    return response(desk.registration(id, registrationId), desk.event(id));
  }

  @PostMapping("/{id}/registrations/{registrationId}/cancel")
  @Operation(summary = "Cancel a registration; a freed seat is offered to the first waitlisted")
  RegistrationResponse cancel(@PathVariable String id, @PathVariable String registrationId) {
    return response(desk.cancel(id, registrationId), desk.event(id));
  }

  @PostMapping("/{id}/registrations/{registrationId}/accept")
  @Operation(summary = "Accept an offered seat before its hold expires")
  RegistrationResponse accept(@PathVariable String id, @PathVariable String registrationId) {
    return response(desk.accept(id, registrationId), desk.event(id));
  }

  @PostMapping("/{id}/registrations/{registrationId}/decline")
  @Operation(summary = "Decline an offered seat; it passes to the next waitlisted")
  RegistrationResponse decline(@PathVariable String id, @PathVariable String registrationId) {
    return response(desk.decline(id, registrationId), desk.event(id));
  }

  @PostMapping("/{id}/registrations/{registrationId}/check-in")
  @Operation(summary = "Record attendance of a confirmed registrant")
  RegistrationResponse checkIn(@PathVariable String id, @PathVariable String registrationId) {
    return response(desk.checkIn(id, registrationId), desk.event(id));
  }

  private EventResponse response(PublicEventDocument event) {
    Map<RegistrationStatus, Long> counts = desk.counts(event.id());
    boolean ended = clock.instant().isAfter(event.endsAt());
    return new EventResponse(event.id(), event.title(), event.capacity(), event.overflowUrl(), event.opensAt(),
        event.closesAt(), event.startsAt(), event.endsAt(), event.offerHoldMinutes(),
        counts.get(RegistrationStatus.CONFIRMED) + counts.get(RegistrationStatus.CHECKED_IN),
        counts.get(RegistrationStatus.OFFERED), counts.get(RegistrationStatus.WAITLISTED),
        counts.get(RegistrationStatus.CHECKED_IN), counts.get(RegistrationStatus.CANCELLED),
        ended ? counts.get(RegistrationStatus.CONFIRMED) : null);
  }

  private static RegistrationResponse response(RegistrationDocument r, PublicEventDocument event) {
    boolean waiting = r.status() == RegistrationStatus.WAITLISTED;
    return new RegistrationResponse(r.id(), r.eventId(), r.status().code(), waiting ? r.waitSeq() : null,
        r.holdUntil(), waiting ? event.overflowUrl() : null, r.createdAt(), r.confirmedAt(), r.checkedInAt());
  }
}
