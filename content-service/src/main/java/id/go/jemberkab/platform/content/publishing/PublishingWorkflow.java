package id.go.jemberkab.platform.content.publishing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import id.go.jemberkab.platform.content.publishing.ContentDocument.DeliveryState;
import id.go.jemberkab.platform.content.publishing.ContentDocument.HistoryEntry;
import id.go.jemberkab.platform.content.publishing.ContentDocument.Unpublication;
import id.go.jemberkab.platform.content.publishing.ContentRules.Edition;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.content.ContentPublished;
import id.go.jemberkab.platform.contracts.content.ContentUnpublished;
import id.go.jemberkab.platform.contracts.content.ContentUpdated;
import id.go.jemberkab.platform.outbox.OutboxRelay;
import id.go.jemberkab.platform.outbox.PendingEvent;
import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.problems.NotFoundException;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.ProblemType;
import id.go.jemberkab.platform.problems.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The editorial workflow: draft → in_review → approved → scheduled or published → unpublished. Authors
 * ({@code content:write}) write editions and submit them; editors ({@code content:publish}) approve, send
 * back, publish, schedule and take down. Every change is one conditional single-document update that also
 * carries the item's events, so an acknowledged change never lacks its event.
 */
@Service
public class PublishingWorkflow {

  static final ProblemType SLUG_TAKEN = new ProblemType("slug-taken", "Another item has this slug",
      HttpStatus.CONFLICT);
  static final ProblemType WRONG_STATE = new ProblemType("transition-not-allowed",
      "The item's workflow state does not allow this", HttpStatus.CONFLICT);
  private static final Logger log = LoggerFactory.getLogger(PublishingWorkflow.class);

  private final MongoTemplate mongo;
  private final OutboxRelay relay;
  private final PendingEvent.Factory events;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ContentRules rules = new ContentRules();
  private final ChannelDeliveries deliveries;

  PublishingWorkflow(MongoTemplate mongo, OutboxRelay relay, PendingEvent.Factory events, Clock clock,
      MeterRegistry meters, ChannelDeliveries deliveries) {
    this.mongo = mongo;
    this.relay = relay;
    this.events = events;
    this.clock = clock;
    this.meters = meters;
    this.deliveries = deliveries;
    mongo.indexOps(ContentDocument.COLLECTION).createIndex(new Index("slug", Sort.Direction.ASC).unique()
        .named("slug_unique"));
    mongo.indexOps(ContentDocument.COLLECTION).createIndex(new Index("status", Sort.Direction.ASC)
        .on("publishedAt", Sort.Direction.DESC).named("status_published"));
    mongo.indexOps(ContentDocument.COLLECTION).createIndex(new Index("search", Sort.Direction.ASC)
        .named("search_terms"));
    relay.register(ContentDocument.COLLECTION);
  }

  ContentDocument create(Caller caller, ContentRequest request) {
    caller.require(Caller.WRITE);
    Edition edition = rules.check(request, false);
    Instant now = now();
    String id = UUID.randomUUID().toString();
    ContentDocument doc = new ContentDocument(id, edition.slug(), edition.type(), "draft", 1, 1, edition.title(),
        edition.summary(), edition.body(), edition.tags(), edition.kecamatanCodes(), edition.media(),
        edition.product(), edition.eventId(), edition.channels(), now, caller.clientId(), now, caller.clientId(),
        null, null, null, null, List.of(), Map.of(), edition.searchTerms(), List.of());
    try {
      mongo.insert(doc);
    } catch (DuplicateKeyException e) {
      throw slugTaken(edition.slug());
    }
    keep(doc, edition, caller);
    meters.counter("content.workflow.transitions", "action", "create").increment();
    return doc;
  }

  ContentDocument get(Caller caller, String id) {
    caller.require(Caller.WRITE);
    return find(id);
  }

  /**
   * A new edition: the whole item again with a change note. A published item stays published, so its new edition
   * goes live at once and takes an editor; an item under review, approved, scheduled or taken down goes back to
   * draft, so nothing reaches the public that an editor did not see. A taken-down item keeps its unpublication
   * while it is reviewed again: the portal still answers 410 or 301 until it is published.
   */
  ContentDocument update(Caller caller, String id, long expectedVersion, ContentRequest request) {
    caller.require(Caller.WRITE);
    Edition edition = rules.check(request, true);
    ContentDocument current = find(id);
    if (current.isPublic()) {
      caller.require(Caller.PUBLISH);
    }
    checkVersion(current, expectedVersion);
    if (current.publishedAt() != null && !current.slug().equals(edition.slug())) {
      throw InvalidRequestException.of("slug", "slug.fixed", "a slug stays once the item was published: links use it");
    }
    keepIfMissing(current);
    Instant now = now();
    int number = current.edition() + 1;
    // editing what an editor is reviewing, approved, scheduled or took down sends it back: the editor saw another text
    String status = Set.of("in_review", "approved", "scheduled", "unpublished").contains(current.status()) ? "draft"
        : current.status();
    Update update = new Update().set("slug", edition.slug()).set("type", edition.type()).set("status", status)
        .set("edition", number).set("title", edition.title()).set("summary", edition.summary())
        .set("body", edition.body()).set("tags", edition.tags()).set("kecamatanCodes", edition.kecamatanCodes())
        .set("media", edition.media()).set("product", edition.product()).set("eventId", edition.eventId())
        .set("channels", edition.channels()).set("search", edition.searchTerms()).set("updatedAt", now)
        .set("updatedBy", caller.clientId()).inc("version", 1);
    if ("scheduled".equals(current.status())) {
      update.unset("scheduledAt");
    }
    Criteria unclaimed = null;
    if (current.isPublic()) {
      unclaimed = channelsChanged(current, edition.channels(), number, now, update);
      update.push("history", new HistoryEntry(number, edition.major(), edition.changeNote(), now))
          .push("outbox", events.create(EventType.CONTENT_UPDATED, id, id, new ContentUpdated(id, edition.type(),
              edition.slug(), edition.title().id(), edition.title().en(), number, edition.major(), edition.tags(),
              edition.kecamatanCodes(), now)));
    }
    ContentDocument updated = apply(current, update, "update", unclaimed);
    keep(updated, edition, caller);
    if (current.isPublic()) {
      deliveries.wake();
    }
    return updated;
  }

  /**
   * A published item's channels as its new edition names them: a channel taken off stops its delivery unless it was
   * made (a post already made stays: no adapter takes posts down), and a channel added gets its first one.
   */
  private static Criteria channelsChanged(ContentDocument current, List<String> channels, int edition, Instant now,
      Update update) {
    // a delivery is claimed and settled without a new version: the cancellation must meet the attempt it read, or
    // it would overwrite a claim made since, and that attempt's post, once made, could not be recorded
    List<Criteria> unchanged = new java.util.ArrayList<>();
    current.deliveries().forEach((channel, state) -> {
      if (!"web".equals(channel) && !channels.contains(channel)
          && Set.of("pending", "retrying", "delivering", "failed").contains(state.status())) {
        // an attempt under way keeps its lease: should the channel be put back, the attempt goes on
        update.set("deliveries." + channel, new DeliveryState(state.edition(), "cancelled", state.attempts(), null,
            "delivering".equals(state.status()) ? state.leaseUntil() : null, null, null,
            "channel removed from the item", now));
        unchanged.add(where("deliveries." + channel + ".attempts").is(state.attempts())
            .and("deliveries." + channel + ".status").is(state.status()));
      }
    });
    for (String channel : channels) {
      DeliveryState state = current.deliveries().get(channel);
      if (state != null && "cancelled".equals(state.status()) && state.leaseUntil() != null) {
        // taken off while an attempt was under way and put back: the attempt is the delivery again, so its post is
        // recorded when it comes (a fresh delivery would post a second time), or, its process gone, the lease runs
        // out and the next attempt looks for the post first
        update.set("deliveries." + channel, new DeliveryState(state.edition(), "delivering", state.attempts(), null,
            state.leaseUntil(), null, null, null, now));
        unchanged.add(where("deliveries." + channel + ".attempts").is(state.attempts())
            .and("deliveries." + channel + ".status").is("cancelled"));
      } else if (state == null) {
        update.set("deliveries." + channel, fresh(edition, now));
      } else if ("cancelled".equals(state.status())) {
        update.set("deliveries." + channel, putBack(state, edition, now));
      }
    }
    return unchanged.isEmpty() ? null : new Criteria().andOperator(unchanged);
  }

  /**
   * The delivery of a channel put back after it was cancelled. One tried before (an attempt that timed out may have
   * posted) goes on as that delivery, its attempts and reason kept, so its next attempt looks for the post first;
   * a fresh one would post a second time. One never tried starts afresh with {@code edition}.
   */
  private static DeliveryState putBack(DeliveryState cancelled, int edition, Instant now) {
    if (cancelled.attempts() == 0) {
      return fresh(edition, now);
    }
    return new DeliveryState(cancelled.edition(), "pending", cancelled.attempts(), now, null, null, null,
        "tried before the channel was taken off", now);
  }

  /** A first delivery of {@code edition}, waiting for the next round. */
  private static DeliveryState fresh(int edition, Instant now) {
    return new DeliveryState(edition, "pending", 0, now, null, null, null, null, now);
  }

  /** An attempt claimed and still within its lease: its process may yet record the post. */
  private static boolean underWay(DeliveryState state, Instant now) {
    return "delivering".equals(state.status()) && state.leaseUntil() != null && state.leaseUntil().isAfter(now);
  }

  ContentDocument submit(Caller caller, String id, Long expectedVersion) {
    caller.require(Caller.WRITE);
    return move(id, expectedVersion, Set.of("draft"), "in_review", new Update().unset("reviewNote"), "submit");
  }

  ContentDocument approve(Caller caller, String id, Long expectedVersion) {
    caller.require(Caller.PUBLISH);
    return move(id, expectedVersion, Set.of("in_review"), "approved", new Update(), "approve");
  }

  /** Sends an item under review (or approved, or scheduled) back to its author with a note. */
  ContentDocument reject(Caller caller, String id, Long expectedVersion, String note) {
    caller.require(Caller.PUBLISH);
    if (note == null || note.isBlank() || note.length() > 1000) {
      throw InvalidRequestException.of("note", "required", "say what the author should change, at most 1000 characters");
    }
    return move(id, expectedVersion, Set.of("in_review", "approved", "scheduled"), "draft",
        new Update().set("reviewNote", note.strip()).unset("scheduledAt"), "reject");
  }

  ContentDocument schedule(Caller caller, String id, Long expectedVersion, Instant at) {
    caller.require(Caller.PUBLISH);
    if (at == null || !at.isAfter(now())) {
      throw InvalidRequestException.of("publishAt", "date-time.future", "publishAt must be a time in the future");
    }
    return move(id, expectedVersion, Set.of("approved", "scheduled"), "scheduled",
        new Update().set("scheduledAt", at.truncatedTo(ChronoUnit.MILLIS)), "schedule");
  }

  ContentDocument publish(Caller caller, String id, Long expectedVersion) {
    caller.require(Caller.PUBLISH);
    ContentDocument current = find(id);
    return publish(current, expectedVersion, Set.of("approved", "scheduled", "unpublished"), "publish");
  }

  ContentDocument unpublish(Caller caller, String id, Long expectedVersion, String reason, String notice,
      String redirectTo) {
    caller.require(Caller.PUBLISH);
    List<FieldError> errors = new ArrayList<>();
    if (reason == null || !Set.of("withdrawn", "redirected", "gone").contains(reason)) {
      errors.add(new FieldError("reason", "reason.invalid", "reason is withdrawn, redirected or gone"));
    }
    if ("withdrawn".equals(reason) && (notice == null || notice.isBlank() || notice.length() > 1000)) {
      errors.add(new FieldError("notice", "required", "a withdrawn item shows a notice to readers, at most 1000"));
    }
    // the portal redirects by slug; the event names the item it now lives in by its id, as its schema says
    String redirectId = null;
    if ("redirected".equals(reason)) {
      ContentDocument target = redirectTo == null ? null
          : mongo.findOne(query(where("slug").is(redirectTo)), ContentDocument.class);
      if (target == null || !target.isPublic() || target.id().equals(id)) {
        errors.add(new FieldError("redirectTo", "redirect.invalid", "redirectTo is the slug of another published item"));
      } else {
        redirectId = target.id();
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    Instant now = now();
    // the move is made only while the item is still published and at the version read: this title is the one
    // readers saw
    ContentDocument current = find(id);
    Unpublication unpublication = new Unpublication(reason, "withdrawn".equals(reason) ? notice.strip() : null,
        "redirected".equals(reason) ? redirectTo : null, now, current.title().id());
    return move(current, expectedVersion, Set.of("published"), "unpublished",
        new Update().set("unpublication", unpublication)
            .push("outbox", events.create(EventType.CONTENT_UNPUBLISHED, id, id,
                new ContentUnpublished(id, reason, redirectId, now))), "unpublish");
  }

  /** Publishes every scheduled item whose time has come: also those whose moment passed while the service was down. */
  @Scheduled(fixedDelayString = "${platform.content.schedule-check-interval:5s}",
      initialDelayString = "${platform.content.schedule-check-interval:5s}")
  void publishDue() {
    List<ContentDocument> due = mongo.find(query(where("status").is("scheduled").and("scheduledAt").lte(now()))
        .limit(100), ContentDocument.class);
    for (ContentDocument doc : due) {
      try {
        publish(doc, doc.version(), Set.of("scheduled"), "scheduled-publish");
        log.info("published scheduled item {} (due {})", doc.id(), doc.scheduledAt());
      } catch (ProblemException e) {
        // another replica published it first, or an editor changed it just now: nothing to do
      }
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void catchUpOnStart() {
    publishDue();
  }

  /**
   * The public history line of an edition made while the item was down: it speaks for every edition saved since the
   * last public one, major when any of them was, with their change notes in order ("Tanggal baru; Salah ketik").
   * The last one's alone would hide a major correction behind a later minor one.
   */
  private HistoryEntry returning(ContentDocument current, Instant now) {
    int lastPublic = current.history().stream().mapToInt(HistoryEntry::edition).max().orElse(0);
    List<EditionDocument> since = mongo.find(query(where("contentId").is(current.id()).and("edition").gt(lastPublic)
        .lte(current.edition())).with(org.springframework.data.domain.Sort.by("edition")), EditionDocument.class);
    String notes = since.stream().map(EditionDocument::changeNote).filter(n -> n != null && !n.isBlank())
        .distinct().collect(java.util.stream.Collectors.joining("; "));
    return new HistoryEntry(current.edition(), since.stream().anyMatch(EditionDocument::major),
        notes.isEmpty() ? "Terbit kembali" : notes, now);
  }

  private ContentDocument publish(ContentDocument current, Long expectedVersion, Set<String> from, String action) {
    Instant now = now();
    List<String> channels = Stream.concat(Stream.of("web"), current.channels().stream()).toList();
    Update update = new Update().set("publishedAt", current.publishedAt() == null ? now : current.publishedAt())
        .unset("scheduledAt").unset("unpublication").unset("reviewNote");
    if (current.history().stream().noneMatch(h -> h.edition() == current.edition())) {
      update.push("history", current.history().isEmpty()
          ? new HistoryEntry(current.edition(), false, "Terbit pertama", now)
          : returning(current, now));
    }
    // an edition public before (made by editing the published item, which posts nothing, then taken down and put
    // back) had its channels' posts: only a channel without a delivery, or one whose delivery was cancelled, gets one
    boolean wasPublic = current.history().stream().anyMatch(h -> h.edition() == current.edition());
    for (String channel : channels) {
      DeliveryState state = current.deliveries().get(channel);
      if (state != null && "cancelled".equals(state.status())) {
        update.set("deliveries." + channel, putBack(state, current.edition(), now));
      } else if (state == null || !wasPublic && state.edition() != current.edition() && !underWay(state, now)) {
        // an attempt under way keeps its delivery: its post is recorded when it comes
        update.set("deliveries." + channel, fresh(current.edition(), now));
      }
    }
    // a channel taken off while the item was down: its waiting delivery must not go out with the new edition (nor
    // one whose process died holding it: its lease has run out, and the next round would claim it)
    current.deliveries().forEach((channel, state) -> {
      boolean abandoned = "delivering".equals(state.status()) && state.leaseUntil() != null
          && !state.leaseUntil().isAfter(now);
      if (!channels.contains(channel)
          && (abandoned || Set.of("pending", "retrying", "failed").contains(state.status()))) {
        update.set("deliveries." + channel, new DeliveryState(state.edition(), "cancelled", state.attempts(), null,
            null, null, null, "channel removed from the item", now));
      }
    });
    update.push("outbox", events.create(EventType.CONTENT_PUBLISHED, current.id(), current.id(),
        new ContentPublished(current.id(), current.type(), current.slug(), current.title().id(), current.title().en(),
            current.edition(), current.tags(), current.kecamatanCodes(), channels, current.eventId(), now)));
    ContentDocument published = move(current, expectedVersion, from, "published", update, action);
    deliveries.wake();
    return published;
  }

  private ContentDocument move(String id, Long expectedVersion, Set<String> from, String to, Update update,
      String action) {
    return move(find(id), expectedVersion, from, to, update, action);
  }

  private ContentDocument move(ContentDocument current, Long expectedVersion, Set<String> from, String to,
      Update update, String action) {
    if (expectedVersion != null) {
      checkVersion(current, expectedVersion);
    }
    if (!from.contains(current.status())) {
      throw new ProblemException(WRONG_STATE, "Cannot " + action + " an item that is " + current.status() + "; "
          + action + " works on an item that is " + String.join(" or ", from.stream().sorted().toList()) + ".",
          Map.of("itemStatus", current.status()));
    }
    return apply(current, update.set("status", to).set("updatedAt", now()).inc("version", 1), action);
  }

  /** Writes the change if no one else wrote the item since it was read; 412 otherwise. */
  private ContentDocument apply(ContentDocument current, Update update, String action) {
    return apply(current, update, action, null);
  }

  /** The update, if the item is still at the version read and {@code also} (when given) holds. */
  private ContentDocument apply(ContentDocument current, Update update, String action, Criteria also) {
    ContentDocument updated;
    Criteria read = where("_id").is(current.id()).and("version").is(current.version());
    try {
      updated = mongo.findAndModify(query(also == null ? read : new Criteria().andOperator(read, also)),
          update, org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true),
          ContentDocument.class);
    } catch (DuplicateKeyException e) {
      throw slugTaken(current.slug().equals(update.getUpdateObject().get("$set", org.bson.Document.class)
          .getString("slug")) ? current.slug() : update.getUpdateObject().get("$set", org.bson.Document.class)
          .getString("slug"));
    }
    if (updated == null) {
      throw changedMeanwhile();
    }
    relay.wake(ContentDocument.COLLECTION, updated.id());
    meters.counter("content.workflow.transitions", "action", action).increment();
    return updated;
  }

  ContentDocument find(String id) {
    ContentDocument doc = id == null || id.length() > 64 ? null : mongo.findById(id, ContentDocument.class);
    if (doc == null) {
      throw new NotFoundException("No content item with this id.");
    }
    return doc;
  }

  List<EditionDocument> editions(Caller caller, String id) {
    caller.require(Caller.WRITE);
    find(id);
    return mongo.find(query(where("contentId").is(id)).with(Sort.by("edition")), EditionDocument.class);
  }

  EditionDocument edition(Caller caller, String id, int number) {
    caller.require(Caller.WRITE);
    EditionDocument edition = mongo.findById(EditionDocument.idOf(id, number), EditionDocument.class);
    if (edition == null) {
      throw new NotFoundException("No such edition of this item.");
    }
    return edition;
  }

  private void keep(ContentDocument doc, Edition edition, Caller caller) {
    mongo.save(new EditionDocument(EditionDocument.idOf(doc.id(), doc.edition()), doc.id(), doc.edition(),
        edition.major(), edition.changeNote(), doc.updatedAt(), caller.clientId(), doc.type(), doc.slug(), doc.title(),
        doc.summary(), doc.body(), doc.tags(), doc.kecamatanCodes(), doc.media(), doc.product(), doc.eventId(),
        doc.channels()));
  }

  /**
   * The current edition's copy, should the process have died between writing an item and keeping its edition.
   * Inserted, never saved over: the request that made the edition may be keeping it right now, with its change note.
   */
  private void keepIfMissing(ContentDocument doc) {
    if (!mongo.exists(query(where("_id").is(EditionDocument.idOf(doc.id(), doc.edition()))), EditionDocument.class)) {
      try {
        mongo.insert(new EditionDocument(EditionDocument.idOf(doc.id(), doc.edition()), doc.id(), doc.edition(), false,
            "(recovered)", doc.updatedAt(), doc.updatedBy(), doc.type(), doc.slug(), doc.title(), doc.summary(),
            doc.body(), doc.tags(), doc.kecamatanCodes(), doc.media(), doc.product(), doc.eventId(), doc.channels()));
      } catch (org.springframework.dao.DuplicateKeyException keptMeanwhile) {
        // the real one: nothing to recover
      }
    }
  }

  private static void checkVersion(ContentDocument current, long expected) {
    if (current.version() != expected) {
      throw changedMeanwhile();
    }
  }

  private static ProblemException changedMeanwhile() {
    return new ProblemException(Problems.PRECONDITION_FAILED,
        "The item changed since you read it: read it again, reapply your change and send it with the new ETag.");
  }

  private static ProblemException slugTaken(String slug) {
    return new ProblemException(SLUG_TAKEN, "Another item already uses this slug; choose another.",
        Map.of("slug", slug));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
