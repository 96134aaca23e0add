package id.go.jemberkab.platform.citizen.registry;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import id.go.jemberkab.platform.outbox.OutboxRelay;
import id.go.jemberkab.platform.outbox.PendingEvent;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.citizen.CitizenErased;
import id.go.jemberkab.platform.contracts.citizen.CitizenRegistered;
import id.go.jemberkab.platform.contracts.citizen.CitizenUpdated;
import id.go.jemberkab.platform.contracts.citizen.ConsentChanged;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.problems.NotFoundException;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.ProblemType;
import id.go.jemberkab.platform.problems.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The citizen registry: registers, reads, updates, searches and erases citizens and keeps their consents.
 * Every change carries its event in the same single-document write (the outbox).
 */
@Service
public class CitizenRegistry {

  static final ProblemType ALREADY_REGISTERED =
      new ProblemType("already-registered", "The citizen is already registered", HttpStatus.CONFLICT);
  static final ProblemType ERASED =
      new ProblemType("citizen-erased", "The citizen's data was erased on request", HttpStatus.GONE);
  static final ProblemType CONSENT_MISSING =
      new ProblemType("consent-missing", "The citizen has not consented to this purpose", HttpStatus.CONFLICT);
  static final int MAX_PAGE_SIZE = 100;
  static final int MAX_PAGE = 10_000;

  private static final Logger log = LoggerFactory.getLogger(CitizenRegistry.class);
  private static final ZoneId JEMBER_TIME = ZoneId.of("Asia/Jakarta");

  private final MongoTemplate mongo;
  private final Pseudonymiser pseudonymiser;
  private final PendingEvent.Factory events;
  private final OutboxRelay relay;
  private final Clock clock;
  private final Counter registered;
  private final Counter duplicates;

  CitizenRegistry(MongoTemplate mongo, Pseudonymiser pseudonymiser, PendingEvent.Factory events, OutboxRelay relay,
      Clock clock, MeterRegistry meters) {
    this.mongo = mongo;
    this.pseudonymiser = pseudonymiser;
    this.events = events;
    this.relay = relay;
    this.clock = clock;
    this.registered = meters.counter("citizen.registrations", "outcome", "registered");
    this.duplicates = meters.counter("citizen.registrations", "outcome", "duplicate");
    var indexes = mongo.indexOps(CitizenDocument.COLLECTION);
    // sparse: erased citizens have no NIK, and the same person may register again
    IndexMigration.ensure(indexes, new Index("nik", Sort.Direction.ASC).unique().sparse().named("nik_unique"),
        "nik_unique");
    indexes.createIndex(new Index("citizenRef", Sort.Direction.ASC).named("citizenRef"));
    // the lists' order (registeredAt, _id) behind each filter: sorted without an index, MongoDB refuses a list of a
    // regency's 2.6 M citizens (in-memory sort limit); the region's code first also serves its equality queries
    IndexMigration.ensure(indexes, new Index("kecamatanCode", Sort.Direction.ASC).on("registeredAt",
        Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("kecamatanCode"), "kecamatanCode");
    IndexMigration.ensure(indexes, new Index("desaCode", Sort.Direction.ASC).on("registeredAt", Sort.Direction.ASC)
        .on("_id", Sort.Direction.ASC).named("desaCode"), "desaCode");
    indexes.createIndex(new Index("registeredAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC)
        .named("registeredAt"));
    relay.register(CitizenDocument.COLLECTION);
  }

  /** Validates and stores a new citizen with its pending event; 409 when the NIK is already registered. */
  public CitizenResponse register(RegisterCitizenRequest request) {
    CitizenDocument doc = newCitizen(request.validate(today()), now());
    try {
      mongo.insert(doc);
    } catch (DuplicateKeyException e) {
      duplicates.increment();
      throw new ProblemException(ALREADY_REGISTERED,
          "A citizen with this NIK is already registered; look it up instead of registering again.");
    }
    registered.increment();
    log.info("citizen {} registered in {}", doc.id(), doc.kecamatanCode());
    relay.wake(CitizenDocument.COLLECTION, doc.id());
    return CitizenResponse.of(doc);
  }

  /** The document of a validated registration, with its {@code CitizenRegistered} event pending. */
  CitizenDocument newCitizen(RegisterCitizenRequest.ValidCitizen citizen, Instant now) {
    String citizenRef = pseudonymiser.citizenRef(citizen.nik());
    String kecamatan = citizen.desa().kecamatanCode();
    PendingEvent event = events.create(EventType.CITIZEN_REGISTERED, citizenRef, citizenRef,
        new CitizenRegistered(citizenRef, kecamatan, citizen.desa().code(), now));
    Map<String, CitizenDocument.ConsentState> consents = new LinkedHashMap<>();
    List<CitizenDocument.ConsentChange> history = new ArrayList<>();
    for (Purpose purpose : citizen.consents()) {
      consents.put(purpose.code(), new CitizenDocument.ConsentState(true, now));
      history.add(new CitizenDocument.ConsentChange(purpose.code(), true, now, "registration"));
    }
    return new CitizenDocument(UUID.randomUUID().toString(), citizen.nik().value(), citizenRef, citizen.name(),
        citizen.birthDate(), citizen.sex(), citizen.desa().code(), kecamatan, citizen.address(), citizen.phone(),
        citizen.email(), consents, history, now, now, null, 1, List.of(event));
  }

  public CitizenResponse get(String id) {
    return CitizenResponse.of(live(id));
  }

  /** Finds a citizen by NIK (sent in a body, never a URL). */
  public CitizenResponse lookup(String nik) {
    Nik.formatProblem(nik).ifPresent(p -> {
      throw InvalidRequestException.of("nik", "nik.invalid", "NIK " + p);
    });
    CitizenDocument doc = mongo.findOne(query(where("nik").is(nik)), CitizenDocument.class);
    if (doc == null) {
      throw new NotFoundException("No citizen with this NIK is registered.");
    }
    return CitizenResponse.of(doc);
  }

  /**
   * Replaces the mutable fields when {@code expectedVersion} is still current (412 otherwise); emits
   * {@code CitizenUpdated} naming what changed, or nothing when nothing did.
   */
  public CitizenResponse update(String id, long expectedVersion, UpdateCitizenRequest request) {
    UpdateCitizenRequest.ValidUpdate change = request.validate();
    CitizenDocument current = live(id);
    if (current.version() != expectedVersion) {
      throw stale();
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", change.name());
    values.put("desaCode", change.desa().code());
    values.put("address", change.address());
    values.put("phone", change.phone());
    values.put("email", change.email());
    Map<String, Object> before = Map.of("name", current.name(), "desaCode", current.desaCode(),
        "address", Objects.toString(current.address(), ""), "phone", Objects.toString(current.phone(), ""),
        "email", Objects.toString(current.email(), ""));
    List<String> changed = values.entrySet().stream()
        .filter(e -> !Objects.toString(e.getValue(), "").equals(before.get(e.getKey())))
        .map(Map.Entry::getKey)
        .toList();
    if (changed.isEmpty()) {
      return CitizenResponse.of(current);
    }
    Instant now = now();
    Update update = new Update().set("kecamatanCode", change.desa().kecamatanCode()).set("updatedAt", now)
        .inc("version", 1)
        .push("outbox", events.create(EventType.CITIZEN_UPDATED, current.citizenRef(), current.citizenRef(),
            new CitizenUpdated(current.citizenRef(), change.desa().kecamatanCode(), change.desa().code(), changed,
                now)));
    values.forEach((field, value) -> {
      if (value == null) {
        update.unset(field);
      } else {
        update.set(field, value);
      }
    });
    if (mongo.updateFirst(current(id, expectedVersion), update, CitizenDocument.class).getModifiedCount() == 0) {
      live(id);
      throw stale();
    }
    relay.wake(CitizenDocument.COLLECTION, id);
    return get(id);
  }

  /** A page of living citizens of a kecamatan and/or desa, oldest registration first. */
  public PageResponse<CitizenSummary> search(String kecamatan, String desa, int page, int size) {
    List<FieldError> errors = new ArrayList<>();
    if (kecamatan != null && !RegionDirectory.jember().isKecamatan(kecamatan)) {
      errors.add(new FieldError("kecamatan", "kecamatan.unknown", "kecamatan must be an official code, 35.09.xx"));
    }
    if (desa != null && !RegionDirectory.jember().isVillage(desa)) {
      errors.add(new FieldError("desa", "desa-code.unknown", "desa must be an official code, 35.09.xx.xxxx"));
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      errors.add(new FieldError("size", "size.out-of-range", "size must lie between 1 and " + MAX_PAGE_SIZE));
    }
    if (page < 0 || page > MAX_PAGE) {
      errors.add(new FieldError("page", "page.out-of-range", "page must lie between 0 and " + MAX_PAGE));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    Criteria criteria = where("erasedAt").is(null);
    if (kecamatan != null) {
      criteria = criteria.and("kecamatanCode").is(kecamatan);
    }
    if (desa != null) {
      criteria = criteria.and("desaCode").is(desa);
    }
    long total = mongo.count(query(criteria), CitizenDocument.class);
    Query pageQuery = query(criteria).with(Sort.by("registeredAt", "_id")).skip((long) page * size).limit(size);
    List<CitizenSummary> items = mongo.find(pageQuery, CitizenDocument.class).stream()
        .map(CitizenSummary::of).toList();
    return new PageResponse<>(items, page, size, total);
  }

  public ConsentsResponse consents(String id) {
    return ConsentsResponse.of(live(id));
  }

  /** Grants or withdraws one purpose; emits {@code ConsentChanged} when the answer changes. */
  public ConsentsResponse changeConsent(String id, Purpose purpose, boolean granted, String source) {
    for (int attempt = 0; attempt < 5; attempt++) {
      CitizenDocument current = live(id);
      if (current.consents(purpose) == granted) {
        return ConsentsResponse.of(current);
      }
      Instant now = now();
      Update update = new Update()
          .set("consents." + purpose.code(), new CitizenDocument.ConsentState(granted, now))
          .push("consentHistory", new CitizenDocument.ConsentChange(purpose.code(), granted, now, source))
          .set("updatedAt", now).inc("version", 1)
          .push("outbox", events.create(EventType.CONSENT_CHANGED, current.citizenRef(), current.citizenRef(),
              new ConsentChanged(current.citizenRef(), purpose.code(), granted, now)));
      if (mongo.updateFirst(current(id, current.version()), update, CitizenDocument.class).getModifiedCount() == 1) {
        relay.wake(CitizenDocument.COLLECTION, id);
        return consents(id);
      }
    }
    throw new ProblemException(Problems.CONFLICT, "The citizen changed concurrently; send the change again.");
  }

  /**
   * The pseudonymous ref of a living citizen who consents to {@code purpose}: what other features record
   * about the citizen. 404 unknown, 410 erased, 409 {@code consent-missing}.
   */
  public String consentingCitizenRef(String id, Purpose purpose) {
    CitizenDocument doc = live(id);
    if (!doc.consents(purpose)) {
      throw new ProblemException(CONSENT_MISSING,
          "The citizen has not consented to " + purpose.code() + " (or withdrew it).");
    }
    return doc.citizenRef();
  }

  /** Everything the registry holds about a citizen, for a data-subject export. */
  public Map<String, Object> exportRecord(String id) {
    CitizenDocument doc = live(id);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("citizen", CitizenResponse.of(doc));
    record.put("consents", ConsentsResponse.of(doc));
    return record;
  }

  /**
   * Erases the citizen's personal data, keeping the opaque id, the pseudonymous ref and the region codes so
   * the event history stays consistent; emits {@code CitizenErased}. Repeating it changes nothing.
   *
   * @return the pseudonymous ref of the erased citizen
   */
  public String erase(String id) {
    CitizenDocument doc = mongo.findById(id, CitizenDocument.class);
    if (doc == null) {
      throw new NotFoundException("No citizen with this id.");
    }
    if (doc.erased()) {
      return doc.citizenRef();
    }
    Instant now = now();
    Update update = new Update().unset("nik").unset("name").unset("birthDate").unset("sex").unset("address")
        .unset("phone").unset("email").set("erasedAt", now).set("updatedAt", now).inc("version", 1)
        
        .push("outbox", events.create(EventType.CITIZEN_ERASED, doc.citizenRef(), doc.citizenRef(),
            new CitizenErased(doc.citizenRef(), now)));
    mongo.updateFirst(query(where("_id").is(id).and("erasedAt").is(null)), update, CitizenDocument.class);
    log.info("citizen {} erased on request", id);
    relay.wake(CitizenDocument.COLLECTION, id);
    return doc.citizenRef();
  }

  private CitizenDocument live(String id) {
    CitizenDocument doc = mongo.findById(id, CitizenDocument.class);
    if (doc == null) {
      throw new NotFoundException("No citizen with this id.");
    }
    if (doc.erased()) {
      throw new ProblemException(ERASED, "This citizen's personal data was erased on their request.");
    }
    return doc;
  }

  private static Query current(String id, long version) {
    return query(where("_id").is(id).and("version").is(version).and("erasedAt").is(null));
  }

  private static ProblemException stale() {
    return new ProblemException(Problems.PRECONDITION_FAILED,
        "The citizen changed since you read it: read it again, reapply your change, send it with the new ETag.");
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(JEMBER_TIME));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
