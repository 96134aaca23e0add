package id.go.jemberkab.platform.citizen.registration;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import id.go.jemberkab.platform.outbox.OutboxRelay;
import id.go.jemberkab.platform.outbox.PendingEvent;
import id.go.jemberkab.platform.citizen.registry.CitizenRegistry;
import id.go.jemberkab.platform.citizen.registry.Purpose;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.registration.AttendeeCheckedIn;
import id.go.jemberkab.platform.contracts.registration.RegistrationCancelled;
import id.go.jemberkab.platform.contracts.registration.RegistrationConfirmed;
import id.go.jemberkab.platform.contracts.registration.RegistrationWaitlisted;
import id.go.jemberkab.platform.contracts.registration.SeatOffered;
import id.go.jemberkab.platform.problems.NotFoundException;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Takes registrations for events and keeps the seats honest without transactions. A registration is first
 * stored as PENDING, then takes a seat (one conditional {@code $push} on the event) or a waitlist number
 * ({@code $inc}), then becomes CONFIRMED or WAITLISTED with its event. A process dying between the steps
 * leaves a PENDING registration that {@link #sweep()} finishes: the seats list, not the registration, says
 * who holds a seat, so every step can be repeated.
 */
@Service
public class RegistrationDesk {

  static final ProblemType ALREADY_REGISTERED = new ProblemType("already-registered-for-event",
      "This person is already registered for the event", HttpStatus.CONFLICT);
  static final ProblemType REGISTRATION_CLOSED = new ProblemType("registration-closed",
      "Registration for this event is not open", HttpStatus.CONFLICT);
  static final ProblemType WRONG_STATE = new ProblemType("registration-state",
      "The registration is not in a state that allows this", HttpStatus.CONFLICT);
  static final Duration PENDING_GRACE = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(RegistrationDesk.class);

  private final MongoTemplate mongo;
  private final CitizenRegistry registry;
  private final PendingEvent.Factory events;
  private final OutboxRelay relay;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Duration checkInEarly;

  RegistrationDesk(MongoTemplate mongo, CitizenRegistry registry, PendingEvent.Factory events, OutboxRelay relay,
      Clock clock, MeterRegistry meters,
      @Value("${platform.registrations.check-in-opens-before-start:2h}") Duration checkInEarly) {
    this.mongo = mongo;
    this.registry = registry;
    this.events = events;
    this.relay = relay;
    this.clock = clock;
    this.meters = meters;
    this.checkInEarly = checkInEarly;
    var indexes = mongo.indexOps(RegistrationDocument.COLLECTION);
    // the key holds an e-mail address for a registration without a citizen: not to be quoted in a failed start
    id.go.jemberkab.platform.citizen.registry.IndexMigration.ensure(indexes, new Index("eventId", Sort.Direction.ASC)
        .on("personKey", Sort.Direction.ASC).unique().named("one_per_person"), "one_per_person");
    indexes.createIndex(new Index("eventId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
        .on("waitSeq", Sort.Direction.ASC).named("waitlist"));
    indexes.createIndex(new Index("status", Sort.Direction.ASC).on("holdUntil", Sort.Direction.ASC).named("offers"));
    indexes.createIndex(new Index("citizenId", Sort.Direction.ASC).sparse().named("citizenId"));
    mongo.indexOps(PublicEventDocument.COLLECTION)
        .createIndex(new Index("waiting", Sort.Direction.ASC).named("waiting"));
    relay.register(RegistrationDocument.COLLECTION);
  }

  PublicEventDocument createEvent(PublicEventDocument event) {
    mongo.insert(event);
    return event;
  }

  PublicEventDocument event(String id) {
    PublicEventDocument event = mongo.findById(id, PublicEventDocument.class);
    if (event == null) {
      throw new NotFoundException("No event with this id.");
    }
    return event;
  }

  /**
   * Registers one person: a confirmed seat while there are seats and nobody waits, the waitlist otherwise.
   * As a citizen (consenting to event-notification) or by e-mail; once per person per event.
   */
  RegistrationDocument register(String eventId, String citizenId, String name, String email) {
    PublicEventDocument event = event(eventId);
    Instant now = now();
    if (now.isBefore(event.opensAt()) || !now.isBefore(event.closesAt())) {
      throw new ProblemException(REGISTRATION_CLOSED, "Registration is open from " + event.opensAt() + " until "
          + event.closesAt() + ".");
    }
    String citizenRef = null;
    String personKey;
    if (citizenId != null) {
      citizenRef = registry.consentingCitizenRef(citizenId, Purpose.EVENT_NOTIFICATION);
      personKey = "citizen:" + citizenRef;
    } else {
      personKey = "email:" + email;
    }
    RegistrationDocument pending = new RegistrationDocument(UUID.randomUUID().toString(), eventId, personKey,
        citizenId, citizenRef, citizenId == null ? name : null, citizenId == null ? email : null,
        RegistrationStatus.PENDING, null, null, now, now, null, null, List.of());
    try {
      mongo.insert(pending);
    } catch (DuplicateKeyException e) {
      throw new ProblemException(ALREADY_REGISTERED, "One registration per person per event; cancel the "
          + "existing one first to register again.");
    }
    return decide(event, pending);
  }

  /** Seat or waitlist for a PENDING registration; safe to repeat after a crash. */
  private RegistrationDocument decide(PublicEventDocument event, RegistrationDocument registration) {
    String rid = registration.id();
    Instant now = now();
    // a seat taken by another replica deciding the same registration (the sweep) counts as taken
    boolean seated = holds(event, rid) || takeSeat(event, rid, true) || holds(event(event.id()), rid);
    Update update;
    if (seated) {
      update = new Update().set("status", RegistrationStatus.CONFIRMED).set("confirmedAt", now)
          .push("outbox", events.create(EventType.REGISTRATION_CONFIRMED, event.id(), rid,
              new RegistrationConfirmed(rid, event.id(), registration.citizenRef(), event.capacity(), false, now)));
    } else {
      PublicEventDocument counted = mongo.findAndModify(query(where("_id").is(event.id())),
          new Update().inc("waitSeq", 1).inc("waiting", 1), FindAndModifyOptions.options().returnNew(true),
          PublicEventDocument.class);
      update = new Update().set("status", RegistrationStatus.WAITLISTED).set("waitSeq", counted.waitSeq())
          .push("outbox", events.create(EventType.REGISTRATION_WAITLISTED, event.id(), rid,
              new RegistrationWaitlisted(rid, event.id(), registration.citizenRef(), event.capacity(),
                  Math.max(1, counted.waiting()), now)));
    }
    update.set("updatedAt", now);
    if (mongo.updateFirst(query(where("_id").is(rid).and("status").is(RegistrationStatus.PENDING)), update,
        RegistrationDocument.class).getModifiedCount() == 0 && !seated) {
      // decided meanwhile by another replica: this one's place on the waitlist is not taken
      mongo.updateFirst(query(where("_id").is(event.id()).and("waiting").gt(0L)), new Update().inc("waiting", -1),
          PublicEventDocument.class);
    }
    relay.wake(RegistrationDocument.COLLECTION, rid);
    meters.counter("event.registrations", "outcome", seated ? "confirmed" : "waitlisted").increment();
    return registration(rid);
  }

  /**
   * The one place seats are taken: appends to {@code seats} only while it is shorter than the capacity
   * (the element at index capacity-1 does not exist yet). A newcomer also needs an empty waitlist.
   */
  private boolean takeSeat(PublicEventDocument event, String rid, boolean newcomer) {
    // never a second seat for one registration: two offers of it at once would both take one
    Criteria free = where("_id").is(event.id()).and("seats." + (event.capacity() - 1)).exists(false)
        .and("seats").ne(rid);
    Update take = new Update().push("seats", rid);
    if (newcomer) {
      free = free.and("waiting").is(0L);
    } else {
      free = free.and("waiting").gt(0L);
      take.inc("waiting", -1);
    }
    return mongo.updateFirst(query(free), take, PublicEventDocument.class).getModifiedCount() == 1;
  }

  /** Cancels a registration by its registrant; a freed seat goes to the first waitlisted. */
  RegistrationDocument cancel(String eventId, String rid) {
    RegistrationDocument registration = registration(eventId, rid);
    RegistrationStatus from = registration.status();
    if (from != RegistrationStatus.CONFIRMED && from != RegistrationStatus.WAITLISTED
        && from != RegistrationStatus.OFFERED) {
      throw new ProblemException(WRONG_STATE, "A " + from.code() + " registration cannot be cancelled.");
    }
    over(event(eventId), "cancelled");
    end(registration, from, RegistrationStatus.CANCELLED, "cancelled");
    return registration(rid);
  }

  /** Accepts an offered seat while its hold lasts. */
  RegistrationDocument accept(String eventId, String rid) {
    RegistrationDocument registration = registration(eventId, rid);
    Instant now = now();
    if (registration.status() != RegistrationStatus.OFFERED || !now.isBefore(registration.holdUntil())) {
      throw new ProblemException(WRONG_STATE, registration.status() == RegistrationStatus.OFFERED
          ? "The offer expired at " + registration.holdUntil() + "." : "Only an offered seat can be accepted.");
    }
    PublicEventDocument event = event(eventId);
    over(event, "accepted");
    Update update = new Update().set("status", RegistrationStatus.CONFIRMED).set("confirmedAt", now)
        .set("updatedAt", now).unset("holdUntil")
        .push("outbox", events.create(EventType.REGISTRATION_CONFIRMED, eventId, rid,
            new RegistrationConfirmed(rid, eventId, registration.citizenRef(), event.capacity(), true, now)));
    if (mongo.updateFirst(query(where("_id").is(rid).and("status").is(RegistrationStatus.OFFERED)
        .and("holdUntil").gt(now)), update, RegistrationDocument.class).getModifiedCount() == 0) {
      throw new ProblemException(WRONG_STATE, "The offer is no longer open.");
    }
    relay.wake(RegistrationDocument.COLLECTION, rid);
    return registration(rid);
  }

  /** Declines an offered seat; it passes to the next waitlisted. */
  RegistrationDocument decline(String eventId, String rid) {
    RegistrationDocument registration = registration(eventId, rid);
    if (registration.status() != RegistrationStatus.OFFERED) {
      throw new ProblemException(WRONG_STATE, "Only an offered seat can be declined.");
    }
    over(event(eventId), "declined");
    end(registration, RegistrationStatus.OFFERED, RegistrationStatus.DECLINED, "declined");
    return registration(rid);
  }

  /** Records attendance of a confirmed registrant, from shortly before the start until the end. */
  RegistrationDocument checkIn(String eventId, String rid) {
    RegistrationDocument registration = registration(eventId, rid);
    PublicEventDocument event = event(eventId);
    Instant now = now();
    if (now.isBefore(event.startsAt().minus(checkInEarly)) || now.isAfter(event.endsAt())) {
      throw new ProblemException(WRONG_STATE, "Check-in opens " + checkInEarly.toMinutes()
          + " minutes before the start and closes at the end of the event.");
    }
    Update update = new Update().set("status", RegistrationStatus.CHECKED_IN).set("checkedInAt", now)
        .set("updatedAt", now)
        .push("outbox", events.create(EventType.ATTENDEE_CHECKED_IN, eventId, rid,
            new AttendeeCheckedIn(rid, eventId, now)));
    if (mongo.updateFirst(query(where("_id").is(rid).and("status").is(RegistrationStatus.CONFIRMED)), update,
        RegistrationDocument.class).getModifiedCount() == 0) {
      throw new ProblemException(WRONG_STATE, "Only a confirmed registrant can check in; this one is "
          + registration(rid).status().code() + ".");
    }
    relay.wake(RegistrationDocument.COLLECTION, rid);
    return registration(rid);
  }

  /** Counts per status; after the end, confirmed registrants who never checked in are no-shows. */
  Map<RegistrationStatus, Long> counts(String eventId) {
    Map<RegistrationStatus, Long> counts = new java.util.EnumMap<>(RegistrationStatus.class);
    for (RegistrationStatus status : RegistrationStatus.values()) {
      counts.put(status, count(eventId, status));
    }
    return counts;
  }

  long count(String eventId, RegistrationStatus status) {
    return mongo.count(query(where("eventId").is(eventId).and("status").is(status)), RegistrationDocument.class);
  }

  /**
   * Events not yet ended (soonest first), ended (latest first), or all (latest first); without their seat lists,
   * which hold up to the capacity's ids each.
   */
  List<PublicEventDocument> events(String when, Instant now, int page, int size) {
    Criteria criteria = switch (when) {
      case "upcoming" -> where("endsAt").gt(now);
      case "past" -> where("endsAt").lte(now);
      default -> new Criteria();
    };
    Sort order = when.equals("upcoming") ? Sort.by("startsAt", "_id") : Sort.by(Sort.Direction.DESC, "startsAt", "_id");
    Query events = query(criteria).with(order).skip((long) page * size).limit(size);
    events.fields().exclude("seats");
    return mongo.find(events, PublicEventDocument.class);
  }

  /** Registrations of the event holding a seat: confirmed, offered or checked in. */
  long seatsTaken(String eventId) {
    return mongo.count(query(where("eventId").is(eventId).and("status").in(RegistrationStatus.CONFIRMED,
        RegistrationStatus.OFFERED, RegistrationStatus.CHECKED_IN)), RegistrationDocument.class);
  }

  List<RegistrationDocument> registrations(String eventId, RegistrationStatus status, int page, int size) {
    Criteria criteria = where("eventId").is(eventId);
    if (status != null) {
      criteria = criteria.and("status").is(status);
    }
    return mongo.find(query(criteria).with(Sort.by("createdAt", "_id")).skip((long) page * size).limit(size),
        RegistrationDocument.class);
  }

  RegistrationDocument registration(String eventId, String rid) {
    RegistrationDocument registration = mongo.findById(rid, RegistrationDocument.class);
    if (registration == null || !registration.eventId().equals(eventId)) {
      throw new NotFoundException("No such registration for this event.");
    }
    return registration;
  }

  /** What a data-subject export holds of the citizen's registrations. */
  public List<Map<String, Object>> forCitizen(String citizenId) {
    return mongo.find(query(where("citizenId").is(citizenId)), RegistrationDocument.class).stream()
        .map(r -> Map.<String, Object>of("registrationId", r.id(), "eventId", r.eventId(),
            "status", r.status().code(), "registeredAt", r.createdAt()))
        .toList();
  }

  /** After an erasure the registrations stay (seats are real) but no longer point to the citizen. */
  public long unlinkCitizen(String citizenId) {
    return mongo.updateMulti(query(where("citizenId").is(citizenId)), new Update().unset("citizenId"),
        RegistrationDocument.class).getModifiedCount();
  }

  /**
   * Ends a registration, frees its seat if it held one (or its waitlist place), and offers freed seats on.
   * The status change is conditional, so two clients cannot end it twice.
   */
  private void end(RegistrationDocument registration, RegistrationStatus from, RegistrationStatus to, String reason) {
    Instant now = now();
    String rid = registration.id();
    String eventId = registration.eventId();
    Update update = new Update().set("status", to).set("updatedAt", now).unset("holdUntil")
        // a cancelled registration no longer blocks the person from registering again
        .set("personKey", registration.personKey() + "#ended:" + rid)
        .push("outbox", events.create(EventType.REGISTRATION_CANCELLED, eventId, rid,
            new RegistrationCancelled(rid, eventId, from.code(), reason, now)));
    if (mongo.updateFirst(query(where("_id").is(rid).and("status").is(from)), update, RegistrationDocument.class)
        .getModifiedCount() == 0) {
      throw new ProblemException(WRONG_STATE, "The registration changed meanwhile; read it again.");
    }
    relay.wake(RegistrationDocument.COLLECTION, rid);
    if (from == RegistrationStatus.WAITLISTED) {
      if (giveBackSeat(eventId, rid, false)) {
        // it held a seat on its way to an offer (and left the waiting count then)
        offerFreedSeats(eventId);
      } else {
        mongo.updateFirst(query(where("_id").is(eventId).and("waiting").gt(0L)), new Update().inc("waiting", -1),
            PublicEventDocument.class);
      }
    } else {
      mongo.updateFirst(query(where("_id").is(eventId)), new Update().pull("seats", rid), PublicEventDocument.class);
      offerFreedSeats(eventId);
    }
  }

  /**
   * After the event, a registration stays as it ended: a cancel the day after would turn a no-show into a
   * cancellation, and the seat it freed would be offered for an event that is over.
   */
  private void over(PublicEventDocument event, String what) {
    if (!now().isBefore(event.endsAt())) {
      throw new ProblemException(WRONG_STATE, "The event ended at " + event.endsAt() + "; its registrations can no "
          + "longer be " + what + ".");
    }
  }

  private RegistrationDocument firstWaitlisted(String eventId) {
    return mongo.findOne(query(where("eventId").is(eventId).and("status").is(RegistrationStatus.WAITLISTED))
        .with(Sort.by("waitSeq")), RegistrationDocument.class);
  }

  /** Offers free seats to the waitlisted, first come first served, while both exist and the event is not over. */
  void offerFreedSeats(String eventId) {
    for (int guard = 0; guard < 10_000; guard++) {
      PublicEventDocument event = event(eventId);
      if (event.waiting() <= 0 || !now().isBefore(event.endsAt())) {
        return;
      }
      RegistrationDocument next = firstWaitlisted(eventId);
      if (next == null) {
        // nobody waitlisted: either a registration is being decided (counted as waiting before it is marked
        // waitlisted; the sweep offers it the seat once it is), or the counter outlived its waitlist (a crash
        // between two writes) and is set to the truth, unless it moved meanwhile. Set to 0 under a registration
        // being decided, the count left it waiting behind a free seat for good, and the next newcomer took it.
        // A registration only moves from pending to waitlisted: one no longer pending now is found by asking again
        boolean deciding = mongo.exists(query(where("eventId").is(eventId).and("status")
            .is(RegistrationStatus.PENDING)), RegistrationDocument.class);
        next = deciding ? null : firstWaitlisted(eventId);
        if (next == null) {
          if (!deciding) {
            mongo.updateFirst(query(where("_id").is(eventId).and("waiting").is(event.waiting())),
                new Update().set("waiting", 0L), PublicEventDocument.class);
          }
          return;
        }
      }
      if (event.seatCount() >= event.capacity() && (event.seats() == null || !event.seats().contains(next.id()))) {
        return; // full, and the first waitlisted holds no seat yet
      }
      boolean alreadySeated = holds(event, next.id()); // crash repair, or another offer of it under way
      if (!alreadySeated && !takeSeat(event, next.id(), false)) {
        continue; // someone else changed the event meanwhile: look again
      }
      Instant now = now();
      Instant holdUntil = now.plus(Duration.ofMinutes(event.offerHoldMinutes()));
      Update offer = new Update().set("status", RegistrationStatus.OFFERED).set("holdUntil", holdUntil)
          .set("updatedAt", now)
          .push("outbox", events.create(EventType.SEAT_OFFERED, eventId, next.id(),
              new SeatOffered(next.id(), eventId, holdUntil, now)));
      if (mongo.updateFirst(query(where("_id").is(next.id()).and("status").is(RegistrationStatus.WAITLISTED)), offer,
          RegistrationDocument.class).getModifiedCount() == 0) {
        RegistrationDocument lost = registration(next.id());
        if (lost != null && !RegistrationStatus.SEATED.contains(lost.status())) {
          // cancelled from the waitlist meanwhile (and counted out then): the seat and the count go back, once,
          // by whichever of the cancel and the offers gets there first
          giveBackSeat(eventId, next.id(), true);
        }
        // else offered by another offer running at once: the seat is its
      } else {
        relay.wake(RegistrationDocument.COLLECTION, next.id());
        log.info("seat of event {} offered to registration {} until {}", eventId, next.id(), holdUntil);
      }
    }
  }

  /**
   * Frees the seats of registrations that ended over {@link #PENDING_GRACE} ago and still hold one: the status
   * changes before the seat is freed, and a process that died in between left the seat taken, with people waiting
   * for it. Looked for only where that matters, in a full event with a waitlist. Returns how many it freed.
   */
  private int freeAbandonedSeats(PublicEventDocument event, Instant now) {
    List<RegistrationDocument> abandoned = mongo.find(query(where("_id").in(event.seats())
        .and("status").in(RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED, RegistrationStatus.EXPIRED)
        .and("updatedAt").lt(now.minus(PENDING_GRACE))), RegistrationDocument.class);
    int freed = 0;
    for (RegistrationDocument registration : abandoned) {
      if (giveBackSeat(event.id(), registration.id(), false)) {
        freed++;
        log.warn("seat of event {} freed from registration {}, {} before its seat was", event.id(), registration.id(),
            registration.status().code());
      }
    }
    return freed;
  }

  /** Whether the registration holds one of the event's seats. */
  private static boolean holds(PublicEventDocument event, String rid) {
    return event.seats() != null && event.seats().contains(rid);
  }

  /**
   * Frees the seat a registration that never got it holds, if it still holds it; {@code recount}: it counts on the
   * waitlist again (its seat counted it out, and its cancel once more). True when this call freed it: the cancel
   * and an offer of the same registration may both try, and only one does it.
   */
  private boolean giveBackSeat(String eventId, String rid, boolean recount) {
    Update free = new Update().pull("seats", rid);
    if (recount) {
      free.inc("waiting", 1);
    }
    return mongo.updateFirst(query(where("_id").is(eventId).and("seats").is(rid)), free, PublicEventDocument.class)
        .getModifiedCount() == 1;
  }

  /**
   * Finishes what a crash or the clock left: PENDING registrations older than a grace period, offers past
   * their hold, and freed seats not yet offered.
   */
  @Scheduled(fixedDelayString = "${platform.registrations.sweep-interval:5s}")
  public void sweep() {
    Instant now = now();
    for (RegistrationDocument pending : mongo.find(query(where("status").is(RegistrationStatus.PENDING)
        .and("createdAt").lt(now.minus(PENDING_GRACE))).limit(500), RegistrationDocument.class)) {
      try {
        decide(event(pending.eventId()), pending);
      } catch (RuntimeException e) {
        // one that cannot be decided (its event gone) must not hold up the expiries and offers below, every time
        log.warn("registration {} could not be decided: {}", pending.id(), e.getClass().getName());
      }
    }
    for (RegistrationDocument offered : mongo.find(query(where("status").is(RegistrationStatus.OFFERED)
        .and("holdUntil").lte(now)).limit(500), RegistrationDocument.class)) {
      try {
        end(offered, RegistrationStatus.OFFERED, RegistrationStatus.EXPIRED, "expired");
      } catch (ProblemException raced) {
        // accepted or declined meanwhile
      }
    }
    for (PublicEventDocument event : mongo.find(query(where("waiting").gt(0L).and("endsAt").gt(now)),
        PublicEventDocument.class)) {
      if (event.seatCount() >= event.capacity() && freeAbandonedSeats(event, now) == 0) {
        continue;
      }
      offerFreedSeats(event.id());
    }
  }

  private RegistrationDocument registration(String rid) {
    return mongo.findById(rid, RegistrationDocument.class);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
