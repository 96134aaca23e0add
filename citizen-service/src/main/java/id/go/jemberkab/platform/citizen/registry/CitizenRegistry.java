package id.go.jemberkab.platform.citizen.registry;

import id.go.jemberkab.platform.citizen.outbox.OutboxRelay;
import id.go.jemberkab.platform.citizen.outbox.PendingEvent;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.ProblemType;
import id.go.jemberkab.platform.problems.NotFoundException;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.citizen.CitizenRegistered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Service;

/** Registers citizens and answers for them; each registration carries its {@code CitizenRegistered} event. */
@Service
public class CitizenRegistry {

  private static final Logger log = LoggerFactory.getLogger(CitizenRegistry.class);
  private static final ZoneId JEMBER_TIME = ZoneId.of("Asia/Jakarta");
  static final ProblemType ALREADY_REGISTERED =
      new ProblemType("already-registered", "The citizen is already registered", HttpStatus.CONFLICT);

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
    indexes.createIndex(new Index("nik", Sort.Direction.ASC).unique().named("nik_unique"));
    indexes.createIndex(new Index("citizenRef", Sort.Direction.ASC).unique().named("citizenRef_unique"));
    relay.register(CitizenDocument.COLLECTION);
  }

  /** Validates and stores a new citizen with its pending event; 409 when the NIK is already registered. */
  public CitizenResponse register(RegisterCitizenRequest request) {
    var citizen = request.validate(LocalDate.now(clock.withZone(JEMBER_TIME)));
    String citizenRef = pseudonymiser.citizenRef(citizen.nik());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String kecamatan = citizen.desa().kecamatanCode();
    PendingEvent event = events.create(EventType.CITIZEN_REGISTERED, citizenRef, citizenRef,
        new CitizenRegistered(citizenRef, kecamatan, citizen.desa().code(), now));
    CitizenDocument doc = new CitizenDocument(UUID.randomUUID().toString(), citizen.nik().value(), citizenRef,
        citizen.name(), citizen.birthDate(), citizen.sex(), citizen.desa().code(), kecamatan, citizen.phone(), now,
        1, List.of(event), true);
    try {
      mongo.insert(doc);
    } catch (DuplicateKeyException e) {
      duplicates.increment();
      throw new ProblemException(ALREADY_REGISTERED,
          "A citizen with this NIK is already registered; look it up instead of registering again.");
    }
    registered.increment();
    log.info("citizen {} registered in {}", doc.id(), kecamatan);
    relay.wake();
    return CitizenResponse.of(doc);
  }

  public CitizenResponse get(String id) {
    CitizenDocument doc = mongo.findById(id, CitizenDocument.class);
    if (doc == null) {
      throw new NotFoundException("No citizen with this id.");
    }
    return CitizenResponse.of(doc);
  }
}
