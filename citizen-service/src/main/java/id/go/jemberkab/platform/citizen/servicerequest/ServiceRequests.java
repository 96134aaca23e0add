package id.go.jemberkab.platform.citizen.servicerequest;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import id.go.jemberkab.platform.outbox.OutboxRelay;
import id.go.jemberkab.platform.outbox.PendingEvent;
import id.go.jemberkab.platform.citizen.registry.CitizenRegistry;
import id.go.jemberkab.platform.citizen.registry.Purpose;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestOverdue;
import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestStatusChanged;
import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestSubmitted;
import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.Inputs;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.problems.NotFoundException;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/** Files service requests, moves them through their lifecycle and notices when they run late. */
@Service
public class ServiceRequests {

  static final ProblemType POSSIBLE_DUPLICATES = new ProblemType("possible-duplicates",
      "Similar requests are already open", HttpStatus.CONFLICT);
  static final ProblemType ILLEGAL_TRANSITION = new ProblemType("illegal-transition",
      "The request cannot move to that status from its current one", HttpStatus.CONFLICT);
  static final int MAX_DESCRIPTION = 4000;
  static final int MAX_NOTE = 1000;
  static final int MAX_PAGE_SIZE = 100;
  /** Kabupaten Jember lies within 7°59'06"–8°33'56" S and 113°16'28"–114°03'42" E. */
  static final double SOUTH = -8.5656, NORTH = -7.9850, WEST = 113.2744, EAST = 114.0617;

  private static final Logger log = LoggerFactory.getLogger(ServiceRequests.class);

  private final MongoTemplate mongo;
  private final ServiceCatalogue catalogue;
  private final CitizenRegistry registry;
  private final WorkingCalendar calendar;
  private final PendingEvent.Factory events;
  private final OutboxRelay relay;
  private final Clock clock;
  private final Duration duplicateWindow;
  private final MeterRegistry meters;

  ServiceRequests(MongoTemplate mongo, ServiceCatalogue catalogue, CitizenRegistry registry, WorkingCalendar calendar,
      PendingEvent.Factory events, OutboxRelay relay, Clock clock, MeterRegistry meters,
      @Value("${platform.service-requests.duplicate-window:14d}") Duration duplicateWindow) {
    this.mongo = mongo;
    this.catalogue = catalogue;
    this.registry = registry;
    this.calendar = calendar;
    this.events = events;
    this.relay = relay;
    this.clock = clock;
    this.meters = meters;
    this.duplicateWindow = duplicateWindow;
    var indexes = mongo.indexOps(ServiceRequestDocument.COLLECTION);
    indexes.createIndex(new Index("serviceCode", Sort.Direction.ASC).on("desaCode", Sort.Direction.ASC)
        .on("submittedAt", Sort.Direction.DESC).named("duplicates"));
    indexes.createIndex(new Index("status", Sort.Direction.ASC).on("expectedAt", Sort.Direction.ASC).named("overdue"));
    indexes.createIndex(new Index("submittedAt", Sort.Direction.DESC).named("submittedAt"));
    indexes.createIndex(new Index("citizenId", Sort.Direction.ASC).sparse().named("citizenId"));
    relay.register(ServiceRequestDocument.COLLECTION);
    Gauge.builder("service.requests.overdue", () -> mongo.count(query(where("status").in(Status.OPEN)
            .and("overdue").is(true)), ServiceRequestDocument.class))
        .description("Open service requests past their expected date").register(meters);
  }

  /**
   * Files a request. Open requests of the same service in the same desa within the window are answered as
   * 409 {@code possible-duplicates} (nothing filed) unless the caller acknowledges them.
   */
  public ServiceRequestResponse submit(SubmitServiceRequest request) {
    List<FieldError> errors = new ArrayList<>();
    ServiceDefinition service = null;
    if (request.serviceCode() == null || request.serviceCode().isBlank()) {
      errors.add(new FieldError("serviceCode", "required", "serviceCode is required"));
    } else {
      try {
        service = catalogue.get(request.serviceCode());
      } catch (NotFoundException e) {
        errors.add(new FieldError("serviceCode", "service.unknown", "serviceCode is not in the service catalogue"));
      }
    }
    Region desa = location(request, errors);
    Map<String, Object> attributes = service == null ? Map.of() : attributes(service, request.attributes(), errors);
    if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
      errors.add(new FieldError("description", "description.too-long",
          "description is longer than " + MAX_DESCRIPTION + " characters"));
    } else if (Inputs.hasControlCharacters(request.description(), true)) {
      errors.add(new FieldError("description", "description.invalid",
          "description may not hold control characters other than line breaks and tabs"));
    }
    String mediaUrl = Inputs.httpUrl("mediaUrl", request.mediaUrl(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    if (request.citizenId() != null) {
      registry.consentingCitizenRef(request.citizenId(), Purpose.SERVICE_DELIVERY);
    }
    Instant now = now();
    if (desa != null && !Boolean.TRUE.equals(request.acknowledgeDuplicates())) {
      List<Map<String, Object>> duplicates = duplicates(service.code(), desa.code(), now);
      if (!duplicates.isEmpty()) {
        throw new ProblemException(POSSIBLE_DUPLICATES, "Open requests of this service exist in this desa. "
            + "Support one (POST /api/v1/service-requests/{id}/supporters) or send again with "
            + "acknowledgeDuplicates: true.", Map.of("duplicates", duplicates));
      }
    }
    String id = UUID.randomUUID().toString();
    Instant expected = calendar.expectedBy(now, service.slaWorkingDays());
    String kecamatan = desa == null ? null : desa.kecamatanCode();
    PendingEvent submitted = events.create(EventType.SERVICE_REQUEST_SUBMITTED, id, id,
        new ServiceRequestSubmitted(id, service.code(), service.opd(), kecamatan, desa == null ? null : desa.code(),
            request.citizenId() == null, now, expected));
    ServiceRequestDocument doc = new ServiceRequestDocument(id, service.code(), service.name(), service.opd(),
        Status.SUBMITTED, blankToNull(request.description()), desa == null ? null : desa.code(), kecamatan,
        request.lat(), request.lon(), attributes, mediaUrl, request.citizenId(), now, now, expected, false, 0,
        List.of(new ServiceRequestDocument.Transition(null, Status.SUBMITTED.code(), now, null, null, null)), 1,
        List.of(submitted));
    mongo.insert(doc);
    meters.counter("service.requests.submitted", "service", service.code()).increment();
    log.info("service request {} filed for {}", id, service.code());
    relay.wake(ServiceRequestDocument.COLLECTION, id);
    return ServiceRequestResponse.of(doc);
  }

  public ServiceRequestResponse get(String id) {
    return ServiceRequestResponse.of(find(id));
  }

  /** Adds one supporter to an open request instead of filing a duplicate. */
  public ServiceRequestResponse support(String id) {
    var result = mongo.updateFirst(query(where("_id").is(id).and("status").in(Status.OPEN)),
        new Update().inc("supporters", 1).set("updatedAt", now()), ServiceRequestDocument.class);
    if (result.getMatchedCount() == 0) {
      ServiceRequestDocument doc = find(id);
      throw new ProblemException(ILLEGAL_TRANSITION, "Only open requests take supporters; this one is "
          + doc.status().code() + ".");
    }
    return get(id);
  }

  /**
   * Moves a request to {@code to}; 409 when the lifecycle does not allow it from the current status (or
   * another officer moved it first). A rejection needs a reason and who rejected.
   */
  public ServiceRequestResponse transition(String id, String to, String note, String actor, String reason) {
    List<FieldError> errors = new ArrayList<>();
    Optional<Status> target = Status.of(to == null ? "" : to);
    if (target.isEmpty()) {
      errors.add(new FieldError("status", "status.invalid",
          "status is accepted, in_progress, resolved, closed or rejected"));
    }
    if (note != null && note.length() > MAX_NOTE) {
      errors.add(new FieldError("note", "note.too-long", "note is longer than " + MAX_NOTE + " characters"));
    }
    if (target.orElse(null) == Status.REJECTED) {
      if (reason == null || reason.isBlank()) {
        errors.add(new FieldError("reason", "required", "a rejection needs a reason"));
      }
      if (actor == null || actor.isBlank()) {
        errors.add(new FieldError("actor", "required", "a rejection needs the officer or unit who rejects"));
      }
    }
    if (actor != null && actor.length() > 100) {
      errors.add(new FieldError("actor", "actor.too-long", "actor is longer than 100 characters"));
    }
    if (reason != null && reason.length() > MAX_NOTE) {
      errors.add(new FieldError("reason", "reason.too-long", "reason is longer than " + MAX_NOTE + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    ServiceRequestDocument current = find(id);
    Status from = current.status();
    if (!from.canMoveTo(target.get())) {
      throw illegal(from, target.get());
    }
    Instant now = now();
    Boolean withinSla = target.get() == Status.RESOLVED ? !now.isAfter(current.expectedAt()) : null;
    Update update = new Update().set("status", target.get()).set("updatedAt", now).inc("version", 1)
        .push("history", new ServiceRequestDocument.Transition(from.code(), target.get().code(), now,
            blankToNull(actor), blankToNull(note), blankToNull(reason)))
        
        .push("outbox", events.create(EventType.SERVICE_REQUEST_STATUS_CHANGED, id, id,
            new ServiceRequestStatusChanged(id, current.serviceCode(), current.opd(), current.kecamatanCode(),
                from.code(), target.get().code(), now, current.submittedAt(), current.expectedAt(), withinSla)));
    if (mongo.updateFirst(query(where("_id").is(id).and("status").is(from)), update, ServiceRequestDocument.class)
        .getModifiedCount() == 0) {
      throw illegal(find(id).status(), target.get());
    }
    relay.wake(ServiceRequestDocument.COLLECTION, id);
    return get(id);
  }

  /** A page of requests, newest first, filtered by service, status and region. */
  public List<ServiceRequestResponse> list(String serviceCode, String status, String kecamatan, String desa,
      Instant from, Instant to, int page, int size) {
    List<FieldError> errors = new ArrayList<>();
    Criteria criteria = new Criteria();
    List<Criteria> all = new ArrayList<>();
    if (serviceCode != null) {
      all.add(where("serviceCode").is(serviceCode));
    }
    if (status != null) {
      Optional<Status> parsed = Status.of(status);
      if (parsed.isEmpty()) {
        errors.add(new FieldError("status", "status.invalid",
            "status is submitted, accepted, in_progress, resolved, closed or rejected"));
      } else {
        all.add(where("status").is(parsed.get()));
      }
    }
    if (kecamatan != null) {
      if (!RegionDirectory.jember().isKecamatan(kecamatan)) {
        errors.add(new FieldError("kecamatan", "kecamatan.unknown", "kecamatan must be an official code, 35.09.xx"));
      }
      all.add(where("kecamatanCode").is(kecamatan));
    }
    if (desa != null) {
      if (!RegionDirectory.jember().isVillage(desa)) {
        errors.add(new FieldError("desa", "desa-code.unknown", "desa must be an official code, 35.09.xx.xxxx"));
      }
      all.add(where("desaCode").is(desa));
    }
    if (from != null) {
      all.add(where("submittedAt").gte(from));
    }
    if (to != null) {
      all.add(where("submittedAt").lt(to));
    }
    pageCheck(page, size, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    if (!all.isEmpty()) {
      criteria = new Criteria().andOperator(all);
    }
    Query q = query(criteria).with(Sort.by(Sort.Direction.DESC, "submittedAt")).skip((long) page * size).limit(size);
    return mongo.find(q, ServiceRequestDocument.class).stream().map(ServiceRequestResponse::of).toList();
  }

  /** Requests for the Open311 list: by service and statuses, submitted in [from, to), newest first. */
  List<ServiceRequestDocument> open311(String serviceCode, List<Status> statuses, Instant from, Instant to, int limit) {
    Criteria criteria = where("status").in(statuses).and("submittedAt").gte(from).lt(to);
    if (serviceCode != null) {
      criteria = criteria.and("serviceCode").is(serviceCode);
    }
    return mongo.find(query(criteria).with(Sort.by(Sort.Direction.DESC, "submittedAt")).limit(limit),
        ServiceRequestDocument.class);
  }

  List<ServiceRequestDocument> byIds(List<String> ids) {
    return mongo.find(query(where("_id").in(ids)), ServiceRequestDocument.class);
  }

  /** What a data-subject export holds of the citizen's requests. */
  public List<ServiceRequestResponse> forCitizen(String citizenId) {
    return mongo.find(query(where("citizenId").is(citizenId)), ServiceRequestDocument.class).stream()
        .map(ServiceRequestResponse::of).toList();
  }

  /** After an erasure the requests stay (the regency still answers them) but no longer point to the citizen. */
  public long unlinkCitizen(String citizenId) {
    return mongo.updateMulti(query(where("citizenId").is(citizenId)), new Update().unset("citizenId"),
        ServiceRequestDocument.class).getModifiedCount();
  }

  /** Marks open requests past their expected date as overdue, once each, with their event. */
  @Scheduled(fixedDelayString = "${platform.service-requests.overdue-check:60s}")
  public int markOverdue() {
    Instant now = now();
    int marked = 0;
    List<ServiceRequestDocument> late = mongo.find(query(where("status").in(Status.OPEN).and("expectedAt").lt(now)
        .and("overdue").is(false)).limit(500), ServiceRequestDocument.class);
    for (ServiceRequestDocument doc : late) {
      Update update = new Update().set("overdue", true).set("updatedAt", now).inc("version", 1)
          
          .push("outbox", events.create(EventType.SERVICE_REQUEST_OVERDUE, doc.id(), doc.id(),
              new ServiceRequestOverdue(doc.id(), doc.serviceCode(), doc.opd(), doc.kecamatanCode(),
                  doc.expectedAt(), now)));
      if (mongo.updateFirst(query(where("_id").is(doc.id()).and("overdue").is(false)
          .and("status").in(Status.OPEN)), update, ServiceRequestDocument.class).getModifiedCount() == 1) {
        marked++;
        relay.wake(ServiceRequestDocument.COLLECTION, doc.id());
      }
    }
    if (marked > 0) {
      log.info("{} service requests became overdue", marked);
    }
    return marked;
  }

  private List<Map<String, Object>> duplicates(String serviceCode, String desaCode, Instant now) {
    Query q = query(where("serviceCode").is(serviceCode).and("desaCode").is(desaCode).and("status").in(Status.OPEN)
        .and("submittedAt").gte(now.minus(duplicateWindow))).with(Sort.by(Sort.Direction.DESC, "submittedAt")).limit(10);
    return mongo.find(q, ServiceRequestDocument.class).stream().map(d -> {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("id", d.id());
      summary.put("status", d.status().code());
      summary.put("submittedAt", d.submittedAt().toString());
      summary.put("supporters", d.supporters());
      summary.put("href", "/api/v1/service-requests/" + d.id());
      return summary;
    }).toList();
  }

  private Region location(SubmitServiceRequest request, List<FieldError> errors) {
    Region desa = null;
    if (request.desaCode() != null) {
      desa = RegionDirectory.jember().find(request.desaCode()).filter(r -> r.level().isVillage()).orElse(null);
      if (desa == null) {
        errors.add(new FieldError("desaCode", "desa-code.unknown",
            "desaCode is not an official desa/kelurahan code of Kabupaten Jember (35.09.xx.xxxx)"));
      }
    }
    boolean hasPoint = request.lat() != null || request.lon() != null;
    if (hasPoint) {
      if (request.lat() == null || request.lon() == null) {
        errors.add(new FieldError(request.lat() == null ? "lat" : "long", "required", "lat and long go together"));
      } else if (request.lat() < SOUTH || request.lat() > NORTH || request.lon() < WEST || request.lon() > EAST) {
        errors.add(new FieldError("lat", "location.outside-regency",
            "lat/long lie outside Kabupaten Jember (about 7.98-8.57 S, 113.27-114.06 E)"));
      }
    }
    if (request.desaCode() == null && !hasPoint) {
      errors.add(new FieldError("desaCode", "location.required", "give desaCode, lat/long, or both"));
    }
    return desa;
  }

  private static Map<String, Object> attributes(ServiceDefinition service, Map<String, Object> given,
      List<FieldError> errors) {
    Map<String, Object> values = given == null ? Map.of() : given;
    Map<String, ServiceDefinition.Attribute> defined = new LinkedHashMap<>();
    for (ServiceDefinition.Attribute a : service.attributes() == null ? List.<ServiceDefinition.Attribute>of()
        : service.attributes()) {
      defined.put(a.code(), a);
    }
    Map<String, Object> accepted = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      ServiceDefinition.Attribute a = defined.get(entry.getKey());
      if (a == null) {
        // also keeps operator-looking keys ($where, a.b) out of the document
        errors.add(new FieldError("attributes", "attribute.unknown",
            "attributes may hold only the service's attributes: " + String.join(", ", defined.keySet())));
        continue;
      }
      if (entry.getValue() == null) {
        continue;
      }
      Datatype.of(a.datatype()).flatMap(type -> type.problem(entry.getValue(), a.values()))
          .ifPresentOrElse(p -> errors.add(new FieldError("attributes." + a.code(), "attribute.invalid",
              a.code() + " " + p)), () -> accepted.put(a.code(), entry.getValue()));
    }
    for (ServiceDefinition.Attribute a : defined.values()) {
      if (a.required() && values.get(a.code()) == null) {
        errors.add(new FieldError("attributes." + a.code(), "required", a.code() + " is required"));
      }
    }
    return accepted;
  }

  static void pageCheck(int page, int size, List<FieldError> errors) {
    if (size < 1 || size > MAX_PAGE_SIZE) {
      errors.add(new FieldError("size", "size.out-of-range", "size must lie between 1 and " + MAX_PAGE_SIZE));
    }
    if (page < 0 || page > 10_000) {
      errors.add(new FieldError("page", "page.out-of-range", "page must lie between 0 and 10000"));
    }
  }

  private ServiceRequestDocument find(String id) {
    ServiceRequestDocument doc = mongo.findById(id, ServiceRequestDocument.class);
    if (doc == null) {
      throw new NotFoundException("No service request with this id.");
    }
    return doc;
  }

  private static ProblemException illegal(Status from, Status to) {
    return new ProblemException(ILLEGAL_TRANSITION, "A " + from.code() + " request cannot become " + to.code()
        + ".", Map.of("currentStatus", from.code(), "allowed", from.next().stream().map(Status::code).sorted().toList()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
