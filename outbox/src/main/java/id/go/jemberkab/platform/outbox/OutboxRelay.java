package id.go.jemberkab.platform.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import id.go.jemberkab.platform.contracts.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes the pending events of registered collections. A writer hands over the id of the document it
 * just wrote ({@link #wake(String, Object)}): the relay fetches exactly those by id, so the common path
 * never scans a collection (the embedded store has no secondary indexes). Hints live in memory only, so a
 * full sweep of every collection (documents with an {@code outbox.eventId}) runs at start and every
 * {@code platform.outbox.full-sweep-interval} (10 min): events written before a crash still go out. One drain runs at
 * a time; per document, events are sent in order and removed only once acknowledged.
 *
 * <p>Failures keep the work: hints taken for a batch that failed (Kafka or MongoDB away) go back to the queue, and a
 * full sweep that failed runs again after {@code platform.outbox.sweep-retry} (30 s), not at the next scheduled one.
 * A pending event that cannot be read as one (an entry damaged by hand, or left by an incompatible version) would
 * fail every attempt and hold up the documents after it: its document's pending events, all of them and in order,
 * are moved to {@value #PARKED}, counted in {@code outbox.events.parked} and logged with their event ids, and the
 * relay goes on. Events the document gets while it has parked ones are parked behind them, so none overtakes
 * another; {@code outbox.documents.parked} (updated by each full sweep and each parking) says how many documents
 * wait for an operator.
 */
public class OutboxRelay {

  /** Field of an aggregate document holding its {@link PendingEvent}s. */
  public static final String OUTBOX = "outbox";
  /** Path of the pending events' ids; a sparse index on it finds documents with pending events. */
  public static final String PENDING = OUTBOX + ".eventId";
  /** Field holding the pending events the relay could not read, for an operator (docs/runbooks/outbox-events-parked.md). */
  public static final String PARKED = "outboxParked";

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;

  private final MongoTemplate mongo;
  private final KafkaOperations<String, byte[]> kafka;
  private final URI source;
  private final Duration sendTimeout;
  private final Duration sweepRetry;
  private final MeterRegistry meters;
  private final Map<String, Counter> published = new ConcurrentHashMap<>();
  private final Counter failures;
  private final Map<String, Counter> parked = new ConcurrentHashMap<>();
  private final Map<String, Long> parkedDocuments = new ConcurrentHashMap<>();
  private final List<String> collections = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean fullSweepRequested = new AtomicBoolean(true);
  private final Queue<Hint> hints = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> pendingAtLastSweep = new ConcurrentHashMap<>();
  private final ReentrantLock draining = new ReentrantLock();
  private volatile boolean failing;
  /** When a failed full sweep is due again ({@link System#nanoTime()}); null while none failed. */
  private volatile Long sweepDueAt;

  OutboxRelay(MongoTemplate mongo, KafkaOperations<String, byte[]> kafka, MeterRegistry meters, String application,
      Duration sendTimeout, Duration sweepRetry) {
    this.mongo = mongo;
    this.kafka = kafka;
    this.meters = meters;
    this.source = URI.create("urn:id.go.jemberkab:" + application);
    this.sendTimeout = sendTimeout;
    this.sweepRetry = sweepRetry;
    this.failures = meters.counter("outbox.publish.failures");
  }

  /** Adds a collection whose documents carry an outbox; indexes its pending flag. */
  public void register(String collection) {
    mongo.indexOps(collection).createIndex(new Index(PENDING, Sort.Direction.ASC).sparse().named("outbox_pending"));
    collections.add(collection);
    published.put(collection, meters.counter("outbox.events.published", "collection", collection));
    parked.put(collection, Counter.builder("outbox.events.parked").tag("collection", collection)
        .description("Pending events the relay could not read, moved aside to " + PARKED).register(meters));
    parkedDocuments.put(collection, 0L);
    Gauge.builder("outbox.documents.parked", () -> parkedDocuments.getOrDefault(collection, 0L))
        .tag("collection", collection)
        .description("Documents with parked events, waiting for an operator (as of the last full sweep, plus those "
            + "parked since)")
        .register(meters);
    pendingAtLastSweep.put(collection, 0L);
    Gauge.builder("outbox.documents.pending", () -> pendingAtLastSweep.getOrDefault(collection, 0L)
            + hints.stream().filter(h -> h.collection().equals(collection)).count())
        .tag("collection", collection)
        .description("Documents with events not yet acknowledged by Kafka (as of the last full sweep, plus "
            + "those written since)")
        .register(meters);
  }

  /** A document written with pending events, waiting for the relay. */
  private record Hint(String collection, Object id) {
  }

  /** Hands over a document just written with pending events; cheap, call it after every such write. */
  public void wake(String collection, Object id) {
    hints.add(new Hint(collection, id));
    wake();
  }

  /** Hands over many documents written at once (an import batch). */
  public void wake(String collection, List<?> ids) {
    ids.forEach(id -> hints.add(new Hint(collection, id)));
    wake();
  }

  private void wake() {
    requested.set(true);
    executor.execute(this::drainWhileRequested);
  }

  /**
   * Creates the producer and fetches topic metadata before the first write needs them, so the first
   * event after a start is not a second late. Fails quietly: Kafka may well be down now.
   */
  @EventListener(ApplicationReadyEvent.class)
  void warmUp() {
    executor.execute(() -> {
      try {
        Arrays.stream(EventType.values()).map(t -> t.topic().name()).distinct().forEach(kafka::partitionsFor);
      } catch (RuntimeException e) {
        log.info("Kafka not reachable at start ({}); the relay keeps retrying", e.toString());
      }
    });
  }

  /** Retries what is waiting (Kafka or MongoDB may have been away), and a full sweep that failed once it is due. */
  @Scheduled(fixedDelayString = "${platform.outbox.sweep-interval:1s}")
  void retry() {
    Long due = sweepDueAt;
    if (due != null && System.nanoTime() - due >= 0) {
      sweepDueAt = null;
      fullSweep();
    } else if (!hints.isEmpty() || failing) {
      wake();
    }
  }

  /**
   * Scans every collection for pending documents: those of a previous process (the first sweep runs at
   * start), or of a hint somehow lost. Without indexes in the embedded store a scan reads the whole
   * collection, so it waits while hints are being worked off.
   */
  @Scheduled(fixedDelayString = "${platform.outbox.full-sweep-interval:10m}")
  void fullSweep() {
    fullSweepRequested.set(true);
    wake();
  }

  @PreDestroy
  void stop() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void drainWhileRequested() {
    if (!draining.tryLock()) {
      return; // the running drain sees the request flag
    }
    try {
      while (requested.getAndSet(false)) {
        drain();
      }
    } finally {
      draining.unlock();
    }
    if (requested.get() && !executor.isShutdown()) {
      executor.execute(this::drainWhileRequested);
    }
  }

  private void drain() {
    while (!hints.isEmpty()) {
      Map<String, List<Object>> batch = new java.util.LinkedHashMap<>();
      List<Hint> taken = new ArrayList<>();
      Hint hint;
      while (taken.size() < BATCH && (hint = hints.poll()) != null) {
        taken.add(hint);
        batch.computeIfAbsent(hint.collection(), c -> new ArrayList<>()).add(hint.id());
      }
      boolean done;
      try {
        done = publishHinted(batch);
      } catch (RuntimeException e) {
        done = failed(e.toString());
      }
      if (!done) {
        // Kafka or MongoDB is unreachable: keep them for the next attempt (documents already published have no
        // pending events left and are passed over then)
        hints.addAll(taken);
        return;
      }
    }
    if (hints.isEmpty() && fullSweepRequested.getAndSet(false)) {
      boolean done;
      try {
        done = sweepAll();
      } catch (RuntimeException e) {
        done = failed(e.toString());
      }
      if (!done) {
        sweepDueAt = System.nanoTime() + sweepRetry.toNanos();
      }
    }
  }

  private boolean publishHinted(Map<String, List<Object>> batch) {
    for (Map.Entry<String, List<Object>> ids : batch.entrySet()) {
      // by id alone: the embedded store uses an index only for a query on exactly its keys
      List<Document> docs = mongo.find(query(where("_id").in(ids.getValue())), Document.class, ids.getKey())
          .stream().filter(d -> d.get(OUTBOX) != null && !(d.get(OUTBOX) instanceof List<?> events && events.isEmpty()))
          .toList();
      if (!docs.isEmpty() && !publish(ids.getKey(), docs)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Publishes what every collection has pending. A page that fails ends its collection's sweep, not the whole one:
   * a document that keeps failing (its topic offline for long) would otherwise hold up every collection swept after
   * it until its cause is fixed. The next sweep starts again at the first page, whose documents that did publish
   * have left it; only a page that fails whole (the collection's topic gone) holds up the rest of its collection.
   */
  private boolean sweepAll() {
    boolean all = true;
    for (String collection : collections) {
      long found = 0;
      List<Document> docs;
      boolean swept = true;
      do {
        docs = mongo.find(pending().limit(BATCH), Document.class, collection);
        found += docs.size();
        pendingAtLastSweep.put(collection, found);
        if (!docs.isEmpty() && !publish(collection, docs)) {
          swept = false;
          break;
        }
      } while (docs.size() == BATCH);
      if (swept) {
        pendingAtLastSweep.put(collection, 0L);
      }
      all &= swept;
      parkedDocuments.put(collection, mongo.count(query(where(PARKED).exists(true)), collection));
    }
    return all;
  }

  /**
   * Sends the pending events of a page of documents at once (per document in order: same key, same
   * partition, idempotent producer), waits for the acknowledgements, then removes the acknowledged events in
   * one bulk write. False when any send failed; what was acknowledged is still removed.
   */
  private boolean publish(String collection, List<Document> found) {
    List<Document> docs = new ArrayList<>(found.size());
    List<List<ProducerRecord<String, byte[]>>> records = new ArrayList<>(found.size());
    for (Document doc : found) {
      // events after parked ones wait behind them
      List<ProducerRecord<String, byte[]>> read = doc.get(PARKED) == null ? read(doc.get(OUTBOX)) : null;
      if (read == null) {
        park(collection, doc, "one cannot be read");
      } else {
        docs.add(doc);
        records.add(read);
      }
    }
    List<List<CompletableFuture<?>>> sends = new ArrayList<>(docs.size());
    String failure = null;
    // topics a hand-off failed for (no metadata within max.block.ms): each further record for them would wait as
    // long, one after another, so their documents go on the next round; a broker that is away costs one wait per
    // topic, not one per document
    java.util.Set<String> unreachable = new java.util.HashSet<>();
    Map<Object, Refusal> refused = new java.util.LinkedHashMap<>();
    for (int d = 0; d < records.size(); d++) {
      List<CompletableFuture<?>> docSends = new ArrayList<>();
      for (ProducerRecord<String, byte[]> record : records.get(d)) {
        int index = docSends.size();
        if (unreachable.contains(record.topic())) {
          failure = "no answer from the broker for " + record.topic();
          break;
        }
        try {
          CompletableFuture<?> sent = kafka.send(record);
          docSends.add(sent);
          if (sent.isCompletedExceptionally()) {
            // failed at hand-off (no partition metadata within max.block.ms): a later event of this aggregate sent
            // once the broker is back would reach it before this one, which goes again on the next round
            unreachable.add(record.topic());
            break;
          }
        } catch (RuntimeException sendFailure) {
          String forGood = refusedForGood(sendFailure);
          if (forGood != null) {
            refused.put(docs.get(d).get("_id"), new Refusal(eventIdAt(docs.get(d), index), forGood));
          } else {
            failure = sendFailure.toString();
            unreachable.add(record.topic());
          }
          break; // later events of this aggregate must not overtake this one
        }
      }
      sends.add(docSends);
    }
    BulkOperations pulls = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
    int acknowledged = 0;
    for (int d = 0; d < docs.size(); d++) {
      List<Document> events = docs.get(d).getList(OUTBOX, Document.class, List.of());
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < sends.get(d).size(); i++) {
        try {
          sends.get(d).get(i).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
          sent.add(events.get(i).getString("eventId"));
        } catch (Exception e) {
          String forGood = refusedForGood(e);
          if (forGood != null) {
            refused.put(docs.get(d).get("_id"), new Refusal(events.get(i).getString("eventId"), forGood));
          } else {
            failure = e.getCause() == null ? e.toString() : e.getCause().toString();
          }
          break;
        }
      }
      Object id = docs.get(d).get("_id");
      if (!sent.isEmpty()) {
        pulls.updateOne(query(where("_id").is(id)),
            new Update().pull(OUTBOX, new Document("eventId", new Document("$in", sent))));
        acknowledged += sent.size();
      }
    }
    if (acknowledged > 0) {
      pulls.execute();
      published.get(collection).increment(acknowledged);
    }
    // sent again, they would be refused again every round, and the events after them never published. Parked only
    // when the refused event is the first still pending: one before it that failed for a while (a timeout) goes
    // again next round, as any other
    refused.forEach((id, refusal) -> {
      Document now = mongo.findById(id, Document.class, collection);
      if (now != null && refusal.eventId() != null && refusal.eventId().equals(eventIdAt(now, 0))) {
        park(collection, now, refusal.why());
      }
    });
    if (failure != null) {
      return failed(failure);
    }
    if (failing) {
      log.info("outbox relay publishes again");
      failing = false;
    }
    return true;
  }

  /** Counts and logs (once per outage) a failed attempt; returns false. */
  private boolean failed(String failure) {
    failures.increment();
    if (!failing) {
      log.warn("outbox relay cannot publish ({}); events stay pending and are retried", failure);
      failing = true;
    }
    return false;
  }

  /**
   * A document's pending events as records, in order; null when the field is not a list of events or any of them
   * cannot be read as one.
   */
  private List<ProducerRecord<String, byte[]>> read(Object outbox) {
    if (!(outbox instanceof List<?> events)) {
      return null;
    }
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (Object entry : events) {
      if (!(entry instanceof Document e)) {
        return null;
      }
      try {
        PendingEvent event = mongo.getConverter().read(PendingEvent.class, e);
        if (event.eventId() == null || event.type() == null || event.topic() == null || event.time() == null
            || event.data() == null) {
          return null;
        }
        records.add(event.toRecord(source));
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
    return records;
  }

  /**
   * Moves a document's pending events, all of them and in order, to the end of {@value #PARKED}: one of them cannot
   * be read (or the document has parked events already), and none may overtake it. Only if the pending events are
   * still those read here: an event the service added meanwhile, or another replica parking the same, leaves it to
   * the next attempt. The log names the collection and the event ids only: a document's id may be personal data (a
   * NIK).
   */
  private void park(String collection, Document doc, String why) {
    Object outbox = doc.get(OUTBOX);
    List<?> events = outbox instanceof List<?> list ? list : outbox == null ? List.of() : List.of(outbox);
    if (events.isEmpty()) {
      return;
    }
    boolean first = doc.get(PARKED) == null;
    long moved = mongo.updateFirst(query(where("_id").is(doc.get("_id")).and(OUTBOX).is(outbox)),
        new Update().push(PARKED).each(events.toArray()).unset(OUTBOX), collection).getModifiedCount();
    if (moved == 0) {
      return;
    }
    parked.get(collection).increment(events.size());
    if (first) {
      parkedDocuments.merge(collection, 1L, Long::sum);
    }
    log.error("outbox relay parked {} pending event(s) of a document in {} (event ids {}): {}; they are not "
        + "published until repaired: docs/runbooks/outbox-events-parked.md", events.size(), collection,
        events.stream().map(e -> e instanceof Document d ? String.valueOf(d.get("eventId")) : "unreadable").toList(),
        first ? why : "they wait behind the document's parked events");
  }

  /** An event Kafka refused for good, and why. */
  private record Refusal(String eventId, String why) {
  }

  /** The id of the document's {@code index}th pending event, or null. */
  private static String eventIdAt(Document doc, int index) {
    return doc.get(OUTBOX) instanceof List<?> events && events.size() > index
        && events.get(index) instanceof Document event && event.get("eventId") instanceof String id ? id : null;
  }

  /**
   * Why Kafka refused an event in a way no retry mends (larger than the broker or producer takes, a topic name it
   * cannot have), or null for a failure that may pass (the broker away, a timeout).
   */
  static String refusedForGood(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof org.apache.kafka.common.errors.RecordTooLargeException
          || cause instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
          || cause instanceof org.apache.kafka.common.errors.InvalidTopicException) {
        return "Kafka refused one for good (" + cause.getClass().getSimpleName() + ")";
      }
    }
    return null;
  }

  /** Documents with events not yet acknowledged by Kafka. */
  public static Query pending() {
    return query(where(PENDING).exists(true));
  }
}
