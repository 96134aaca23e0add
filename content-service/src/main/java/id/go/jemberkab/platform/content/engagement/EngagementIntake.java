package id.go.jemberkab.platform.content.engagement;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.contracts.content.EngagementRecorded;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import id.go.jemberkab.platform.outbox.CallTrace;
import id.go.jemberkab.platform.problems.FieldError;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a batch of engagement items, each on its own: an invalid item, a bot or a replayed id gets its own
 * result and never drops the good ones. Accepted items leave as {@code EngagementRecorded} events, with the
 * visitor hashed and the IP address and user agent dropped; the batch is acknowledged only after the broker
 * acknowledged every accepted item.
 */
class EngagementIntake {

  private static final Logger log = LoggerFactory.getLogger(EngagementIntake.class);

  /** What became of one item. */
  record Result(int index, String id, String status, List<FieldError> errors) {
  }

  static final String IDS = "engagement_ids";
  /**
   * One document per request between remembering its ids and the broker's answer. A process that dies in between
   * leaves its document behind; an id remembered under such a document was never acknowledged, and its resend
   * is published instead of being answered {@code duplicate} (which would have lost it).
   */
  static final String IN_FLIGHT = "engagement_in_flight";
  /** Longer than any request waits for the broker (its delivery timeout is 15 s). */
  static final Duration ORPHANED_AFTER = Duration.ofSeconds(60);
  static final Set<String> CHANNELS = Set.of("web", "facebook", "instagram", "youtube");
  static final Set<String> ACTIONS = Set.of("view", "like", "share", "comment", "follow", "unfollow", "watch");
  /** An item's fields: any other is a mistake to report (a misspelt kecamatanCode would be dropped unseen). */
  static final Set<String> FIELDS = Set.of("id", "contentId", "eventId", "channel", "action", "occurredAt", "ip",
      "userAgent", "visitorId", "kecamatanCode", "watchSeconds");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
  private static final Pattern UUID_TEXT = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final Pattern LEADING_ZEROS = Pattern.compile("(?<![0-9])0+(?=[0-9])");
  /**
   * Crawlers, link previews, monitors and scripts: counted, never published. Looked for in the user agent in lower
   * case, plus any word ending in "bot" ({@link #isBot}). Plain substring search: as one regular expression
   * ({@code bot\\b|crawl|spider|…}) the alternation tried every branch at every character and took a tenth of
   * the intake's CPU.
   */
  static final List<String> BOT_MARKERS = List.of("crawl", "spider", "slurp", "headless", "facebookexternalhit",
      "preview", "monitor", "pingdom", "curl/", "wget/", "python-requests", "java-http-client", "okhttp",
      "go-http-client", "scrapy");
  private static final URI SOURCE = URI.create("urn:id.go.jemberkab:content-service");

  private final MongoTemplate mongo;
  private final KafkaTemplate<String, byte[]> kafka;
  private final VisitorHashes visitors;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final RegionDirectory regions = RegionDirectory.jember();
  private final Duration dedupRetention;
  private final EventIds eventIds;

  EngagementIntake(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, VisitorHashes visitors, JsonMapper json,
      Clock clock, MeterRegistry meters, Duration dedupRetention) {
    this.mongo = mongo;
    this.kafka = kafka;
    this.visitors = visitors;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
    this.dedupRetention = dedupRetention;
    this.eventIds = new EventIds(mongo);
    mongo.indexOps(IDS).createIndex(new Index().on("at", org.springframework.data.domain.Sort.Direction.ASC)
        .expire(dedupRetention).named("forget"));
  }

  /** Results in item order, for a caller whose client is not known (a call that did not come through the gateway). */
  List<Result> take(List<JsonNode> items) {
    return take(null, items);
  }

  /**
   * Results in item order; {@code unavailable} items were not acknowledged by the broker and may be resent. Ids are
   * the client's: the same id from two clients (two producers counting {@code evt-00000001} up) is two events, each
   * remembered as {@code client/id} (an id cannot hold a {@code /}) and published under its {@link EventIds} UUID.
   */
  List<Result> take(String client, List<JsonNode> items) {
    List<Result> results = new ArrayList<>(items.size());
    Map<Integer, EngagementRecorded> good = new java.util.LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String id = item.path("id").isString() ? item.path("id").asString() : null;
      List<FieldError> errors = new ArrayList<>();
      EngagementRecorded event = read(i, item, errors);
      if (!errors.isEmpty()) {
        results.add(count(new Result(i, id, "invalid", errors), item));
      } else if (isBot(text(item, "userAgent"))) {
        results.add(count(new Result(i, id, "bot", List.of()), item));
      } else {
        results.add(null);
        good.put(i, event);
      }
    }
    if (good.isEmpty()) {
      return results;
    }
    List<String> ids = good.keySet().stream().map(i -> key(client, items.get(i).path("id").asString())).toList();
    // the call's trace context, into every event it publishes (read here, on the request's thread)
    CallTrace trace = CallTrace.current();
    String flight = UUID.randomUUID().toString();
    mongo.insert(new Document("_id", flight).append("at", Date.from(clock.instant())), IN_FLIGHT);
    Set<String> acknowledged = new java.util.HashSet<>();
    // every id this request remembered is, by the end, acknowledged or forgotten: only then may its in-flight
    // document go, since a remembered id without one counts as acknowledged
    boolean settled = false;
    try {
      Set<Integer> seen = remember(ids, flight);
      Earlier earlier = earlier(seen.stream().map(ids::get).toList(), flight);
      Map<String, String> orphaned = earlier.orphaned();
      // taken over before anything is sent: a MongoDB failure here leaves nothing with the producer that the
      // cleanup below would forget
      Set<String> adopted = new java.util.HashSet<>();
      orphaned.forEach((id, orphanedFlight) -> {
        if (adopt(id, orphanedFlight, flight)) {
          adopted.add(id);
        }
      });
      Set<String> taken = new java.util.HashSet<>();
      List<Pending> pending = new ArrayList<>();
      boolean brokerAway = false;
      int n = 0;
      for (var entry : good.entrySet()) {
        int i = entry.getKey();
        String id = items.get(i).path("id").asString();
        String key = ids.get(n);
        boolean orphan = orphaned.containsKey(key);
        if (seen.contains(n++) && !orphan) {
          // still waiting for the broker in another request: not acknowledged yet, so not a duplicate yet either
          String status = earlier.notYet().contains(key) ? "unavailable" : "duplicate";
          results.set(i, count(new Result(i, id, status, List.of()), items.get(i)));
        } else if (orphan && (!adopted.contains(key) || !taken.add(key))) {
          // taken over by another resend still waiting for the broker (not acknowledged yet), or by this one for
          // the same id earlier in the batch (a duplicate)
          String status = adopted.contains(key) ? "duplicate" : "unavailable";
          results.set(i, count(new Result(i, id, status, List.of()), items.get(i)));
        } else if (brokerAway) {
          forget(key, flight);
          results.set(i, count(new Result(i, id, "unavailable", List.of()), items.get(i)));
        } else {
          CompletableFuture<?> sent = send(key, entry.getValue(), trace);
          // failed at hand-off (no broker to ask for the topic's partitions, after max.block.ms): each further
          // item would wait as long, one after another, so they are answered unavailable at once
          brokerAway = sent.isCompletedExceptionally();
          pending.add(new Pending(i, id, key, entry.getValue(), sent));
        }
      }
      for (Pending p : pending) {
        String status;
        try {
          p.sent().get(15, TimeUnit.SECONDS);
          status = "accepted";
          acknowledged.add(p.key());
        } catch (Exception notAcknowledged) {
          forget(p.key(), flight);
          status = "unavailable";
        }
        results.set(p.index(), count(new Result(p.index(), p.id(), status, List.of()), items.get(p.index())));
      }
      if (!adopted.isEmpty()) {
        log.info("resent {} engagement item(s) whose first attempt died before the broker acknowledged it",
            adopted.size());
      }
      settled = true;
      return results;
    } catch (RuntimeException failed) {
      // MongoDB failed midway (the caller gets an error and sends again): forget what this request remembered and
      // the broker did not acknowledge, or the resend would be answered duplicate. Should that fail too, the
      // in-flight document stays, and after ORPHANED_AFTER a resend publishes those ids.
      try {
        List<String> unacknowledged = ids.stream().filter(id -> !acknowledged.contains(id)).toList();
        mongo.remove(Query.query(Criteria.where("_id").in(unacknowledged).and("flight").is(flight)), IDS);
        settled = true;
      } catch (RuntimeException stillFailing) {
        failed.addSuppressed(stillFailing);
      }
      throw failed;
    } finally {
      if (settled) {
        ended(flight, acknowledged);
      }
    }
  }

  /**
   * Removes the request's in-flight document once every id it remembered is acknowledged or forgotten. Should that
   * fail, the answer stands (the broker has the items); left behind, the document would have a resend of the
   * acknowledged ids taken for orphans and published again, so their marks drop the flight instead.
   */
  private void ended(String flight, Set<String> acknowledged) {
    try {
      mongo.remove(Query.query(Criteria.where("_id").is(flight)), IN_FLIGHT);
    } catch (RuntimeException failed) {
      try {
        mongo.updateMulti(Query.query(Criteria.where("_id").in(acknowledged).and("flight").is(flight)),
            new Update().unset("flight"), IDS);
        log.warn("in-flight record {} not removed ({}); its acknowledged ids no longer refer to it", flight,
            failed.toString());
      } catch (RuntimeException stillFailing) {
        log.warn("in-flight record {} not removed ({}), nor its ids settled ({}): a resend of them after {} may be "
            + "published again", flight, failed.toString(), stillFailing.toString(), ORPHANED_AFTER);
      }
    }
  }

  /**
   * Takes an orphaned id over from the request that died with it, in one compare-and-set on its mark, so that two
   * resends (or one batch holding it twice) publish it once; renewed, the mark is kept for the whole retention
   * again. False when another request took it first.
   */
  private boolean adopt(String id, String orphanedFlight, String flight) {
    return mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("flight").is(orphanedFlight)),
        new Update().set("flight", flight).set("at", Date.from(clock.instant())), IDS).getModifiedCount() == 1;
  }

  /**
   * What became of ids this request found already remembered. {@code orphaned}: remembered under the in-flight
   * document of a request that died before the broker answered (older than {@link #ORPHANED_AFTER}); published by
   * this one. {@code notYet}: not acknowledged, or not yet: the other request is still waiting for the broker, or it
   * failed and forgot the id after this request's insert met it. Every other id is a duplicate: remembered by a
   * request that has ended with the id still remembered, or earlier in this same request.
   */
  private record Earlier(Map<String, String> orphaned, Set<String> notYet) {
  }

  private Earlier earlier(List<String> duplicates, String ownFlight) {
    if (duplicates.isEmpty()) {
      return new Earlier(Map.of(), Set.of());
    }
    Set<String> marked = new java.util.HashSet<>();
    Map<String, String> flights = new java.util.HashMap<>();
    for (Document mark : mongo.find(Query.query(Criteria.where("_id").in(duplicates)), Document.class, IDS)) {
      marked.add(mark.getString("_id"));
      if (mark.get("flight") instanceof String flight && !flight.equals(ownFlight)) {
        flights.put(mark.getString("_id"), flight);
      }
    }
    Set<String> notYet = new java.util.HashSet<>(duplicates);
    notYet.removeAll(marked);
    Map<String, String> orphaned = new java.util.HashMap<>();
    if (!flights.isEmpty()) {
      Date before = Date.from(clock.instant().minus(ORPHANED_AFTER));
      Set<String> stale = new java.util.HashSet<>();
      Set<String> open = new java.util.HashSet<>();
      for (Document flight : mongo.find(Query.query(Criteria.where("_id").in(new java.util.HashSet<>(flights.values()))),
          Document.class, IN_FLIGHT)) {
        (flight.getDate("at").before(before) ? stale : open).add(flight.getString("_id"));
      }
      Set<String> ended = new java.util.HashSet<>();
      flights.forEach((id, flight) -> {
        if (stale.contains(flight)) {
          orphaned.put(id, flight);
        } else {
          (open.contains(flight) ? notYet : ended).add(id);
        }
      });
      if (!ended.isEmpty()) {
        // a request forgets a failed id before it removes its in-flight document: once that is gone, an id still
        // remembered was acknowledged, and one no longer remembered was not
        Set<String> kept = new java.util.HashSet<>();
        for (Document mark : mongo.find(Query.query(Criteria.where("_id").in(ended)), Document.class, IDS)) {
          kept.add(mark.getString("_id"));
        }
        ended.stream().filter(id -> !kept.contains(id)).forEach(notYet::add);
      }
    }
    return new Earlier(orphaned, notYet);
  }

  /** {@code id}: the caller's; {@code key}: what is remembered ({@link #key}), and published as {@link EventIds}. */
  private record Pending(int index, String id, String key, EngagementRecorded event, CompletableFuture<?> sent) {
  }

  /** The id as remembered: the client's own ids, apart from every other client's. */
  static String key(String client, String id) {
    return client == null || client.isBlank() ? id : client + "/" + id;
  }

  static boolean isBot(String userAgent) {
    if (userAgent == null) {
      return false;
    }
    String agent = userAgent.toLowerCase(Locale.ROOT);
    for (int at = agent.indexOf("bot"); at >= 0; at = agent.indexOf("bot", at + 1)) {
      int after = at + 3;
      if (after == agent.length() || !(Character.isLetterOrDigit(agent.charAt(after)) || agent.charAt(after) == '_')) {
        return true;
      }
    }
    for (String marker : BOT_MARKERS) {
      if (agent.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  private CompletableFuture<?> send(String id, EngagementRecorded event, CallTrace trace) {
    String key = event.contentId() != null ? event.contentId() : event.channel();
    CloudEvent cloudEvent = new CloudEvent(eventIds.of(id), SOURCE, EventType.ENGAGEMENT_RECORDED.type(), key,
        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), CloudEvent.JSON,
        json.writeValueAsBytes(event));
    ProducerRecord<String, byte[]> record = CloudEventHeaders.toRecord(Topics.CONTENT_ENGAGEMENT.name(), key,
        cloudEvent);
    CloudEventHeaders.writeTrace(record.headers(), trace.traceparent(), trace.requestId());
    try {
      return kafka.send(record);
    } catch (RuntimeException brokerAway) {
      return CompletableFuture.failedFuture(brokerAway);
    }
  }

  /**
   * Remembers the ids in one unordered bulk insert; returns the positions of those seen before (within the
   * retention, or earlier in the same list): their inserts fail on the unique {@code _id}.
   */
  private Set<Integer> remember(List<String> ids, String flight) {
    Date now = Date.from(clock.instant());
    List<Document> marks = ids.stream().map(id -> new Document("_id", id).append("at", now).append("flight", flight))
        .toList();
    try {
      mongo.getCollection(IDS).insertMany(marks, new InsertManyOptions().ordered(false));
      return Set.of();
    } catch (MongoBulkWriteException e) {
      Set<Integer> duplicates = new java.util.HashSet<>();
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCode() != 11000) {
          throw e;
        }
        duplicates.add(error.getIndex());
      }
      return duplicates;
    }
  }

  /**
   * Forgets the replay ids older than the retention. MongoDB's TTL index ("forget") does the same within a minute;
   * the embedded store ignores TTL indexes, and without this its id collection grew by every event ever taken.
   * Returns how many ids were forgotten.
   */
  @Scheduled(initialDelayString = "${platform.engagement.forget-every:PT10M}",
      fixedDelayString = "${platform.engagement.forget-every:PT10M}")
  long forgetExpired() {
    Date cutoff = Date.from(clock.instant().minus(dedupRetention));
    long forgotten = mongo.remove(Query.query(Criteria.where("at").lt(cutoff)), IDS).getDeletedCount();
    // and the in-flight documents processes left behind when they died, as old as the ids they vouched for
    mongo.remove(Query.query(Criteria.where("at").lt(cutoff)), IN_FLIGHT);
    if (forgotten > 0) {
      log.info("forgot {} engagement replay ids older than {}", forgotten, dedupRetention);
    }
    return forgotten;
  }

  /**
   * Forgets an id this request remembered and the broker did not acknowledge. Only while it is still this request's:
   * a request slower than {@link #ORPHANED_AFTER} may find its id adopted and published by a resend, whose mark must
   * stay, or the next resend would publish it once more.
   */
  private void forget(String id, String flight) {
    mongo.remove(Query.query(Criteria.where("_id").is(id).and("flight").is(flight)), IDS);
  }

  private Result count(Result result, JsonNode item) {
    String channel = text(item, "channel");
    meters.counter("content.engagement.intake", "result", result.status(), "channel",
        channel != null && CHANNELS.contains(channel) ? channel : "other").increment();
    return result;
  }

  private EngagementRecorded read(int index, JsonNode item, List<FieldError> errors) {
    String at = "items[" + index + "].";
    if (!item.isObject()) {
      errors.add(new FieldError("items[" + index + "]", "item.invalid", "each item is a JSON object"));
      return null;
    }
    // one error per item, naming the first: a 1 MB item of 95,000 made-up names made an answer ten times its size
    String unknown = null;
    int unknowns = 0;
    for (String name : item.propertyNames()) {
      if (!FIELDS.contains(name) && unknowns++ == 0) {
        unknown = name;
      }
    }
    if (unknown != null) {
      errors.add(new FieldError(at + shortName(unknown), "unknown-field", unknowns == 1 ? "unknown field; remove it"
              : "unknown field; remove it and the " + (unknowns - 1) + " other unknown field(s)"));
    }
    String id = text(item, "id");
    if (id == null || !ID.matcher(id).matches()) {
      errors.add(new FieldError(at + "id", "id.invalid", "id is required: 8 to 64 of A-Z a-z 0-9 . _ : -"));
    }
    String channel = oneOf(item, "channel", CHANNELS, at, errors);
    String action = oneOf(item, "action", ACTIONS, at, errors);
    String contentId = uuid(item, "contentId", at, errors);
    if (contentId == null && action != null && !action.equals("follow") && !action.equals("unfollow")
        && errors.stream().noneMatch(e -> e.field().equals(at + "contentId"))) {
      errors.add(new FieldError(at + "contentId", "required", "contentId is required except for follow and unfollow"));
    }
    String eventId = uuid(item, "eventId", at, errors);
    Instant occurredAt = null;
    String when = text(item, "occurredAt");
    try {
      occurredAt = when == null ? null : OffsetDateTime.parse(when).toInstant();
    } catch (DateTimeParseException e) {
      // reported below
    }
    Instant now = clock.instant();
    if (occurredAt == null || occurredAt.isAfter(now.plus(Duration.ofMinutes(5)))
        || occurredAt.isBefore(now.minus(Duration.ofDays(400)))) {
      errors.add(new FieldError(at + "occurredAt", "occurred-at.invalid",
          "occurredAt is required: an RFC 3339 date-time within the last 400 days, not in the future"));
    }
    String ip = canonicalIp(optionalText(item, "ip", "ip.invalid", at, errors));
    if (ip != null && ip.isEmpty()) {
      errors.add(new FieldError(at + "ip", "ip.invalid", "ip must be an IPv4 or IPv6 address, without a port"));
    }
    String userAgent = optionalText(item, "userAgent", "user-agent.invalid", at, errors);
    if (userAgent != null && userAgent.length() > 512) {
      errors.add(new FieldError(at + "userAgent", "user-agent.too-long", "userAgent must be at most 512 characters"));
    }
    String visitorId = optionalText(item, "visitorId", "visitor-id.invalid", at, errors);
    if (visitorId != null && (visitorId.isBlank() || visitorId.length() > 128)) {
      errors.add(new FieldError(at + "visitorId", "visitor-id.invalid", "visitorId must be 1 to 128 characters"));
    }
    String kecamatan = optionalText(item, "kecamatanCode", "kecamatan.unknown", at, errors);
    if (kecamatan != null && !regions.isKecamatan(kecamatan)) {
      errors.add(new FieldError(at + "kecamatanCode", "kecamatan.unknown", "kecamatanCode must be a Jember kecamatan, 35.09.xx"));
    }
    JsonNode watch = item.path("watchSeconds");
    Long watchSeconds = null;
    if ("watch".equals(action)) {
      // canConvertToLong first: a number past a long's range would throw, and take the whole batch with it
      if (!watch.isIntegralNumber() || !watch.canConvertToLong() || watch.asLong() < 0 || watch.asLong() > 86_400) {
        errors.add(new FieldError(at + "watchSeconds", "watch-seconds.invalid",
            "watchSeconds is required for watch: 0 to 86400"));
      } else {
        watchSeconds = watch.asLong();
      }
    } else if (!watch.isMissingNode() && !watch.isNull()) {
      errors.add(new FieldError(at + "watchSeconds", "watch-seconds.unexpected", "watchSeconds belongs to watch only"));
    }
    if (!errors.isEmpty()) {
      return null;
    }
    return new EngagementRecorded(contentId, eventId, channel, action, occurredAt,
        visitors.hash(channel, visitorId, ip, userAgent, occurredAt), kecamatan, watchSeconds);
  }

  /** A field name the caller made up, as an error names it: at most 64 characters of it. */
  static String shortName(String name) {
    return name.length() > 64 ? name.substring(0, 64) + "…" : name;
  }

  private static String text(JsonNode item, String field) {
    JsonNode value = item.path(field);
    return value.isString() ? value.asString() : null;
  }

  /**
   * The address as one visitor always gets it: {@code ::ffff:203.0.113.7} as {@code 203.0.113.7}, IPv6 in one case
   * and one spelling; null for none, empty for what is no address ({@code ::::}, an address with a port). Parsed
   * only once it can be nothing but a literal, so no name is ever looked up.
   */
  static String canonicalIp(String ip) {
    if (ip == null) {
      return null;
    }
    if (IPV4.matcher(ip).matches()) {
      return ip.indexOf('0') < 0 ? ip : LEADING_ZEROS.matcher(ip).replaceAll("");
    }
    if (!ip.contains(":") || !IPV6.matcher(ip).matches() || Character.digit(ip.charAt(0), 16) < 0
        && ip.charAt(0) != ':') {
      return "";
    }
    try {
      return java.net.InetAddress.getByName(ip).getHostAddress();
    } catch (java.net.UnknownHostException notAnAddress) {
      return "";
    }
  }

  /**
   * An optional field that is text when given: null when absent or null; otherwise an error (a number for a
   * kecamatan, a list for a user agent would have been dropped unseen, and the bot filter passed by).
   */
  private static String optionalText(JsonNode item, String field, String code, String at, List<FieldError> errors) {
    JsonNode value = item.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      errors.add(new FieldError(at + field, code, field + " must be a string when given"));
      return null;
    }
    return value.asString();
  }

  private static String oneOf(JsonNode item, String field, Set<String> allowed, String at, List<FieldError> errors) {
    String value = text(item, field);
    if (value == null || !allowed.contains(value)) {
      errors.add(new FieldError(at + field, field + ".invalid",
          field + " must be one of " + String.join(", ", allowed.stream().sorted().toList())));
      return null;
    }
    return value;
  }

  private static String uuid(JsonNode item, String field, String at, List<FieldError> errors) {
    JsonNode value = item.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isString() || !UUID_TEXT.matcher(value.asString()).matches()) {
      errors.add(new FieldError(at + field, field + ".invalid", field + " must be a UUID in lower case"));
      return null;
    }
    return value.asString();
  }

  static Map<String, Long> summary(List<Result> results) {
    return results.stream().collect(java.util.stream.Collectors.groupingBy(Result::status, java.util.TreeMap::new,
        java.util.stream.Collectors.counting()));
  }
}
