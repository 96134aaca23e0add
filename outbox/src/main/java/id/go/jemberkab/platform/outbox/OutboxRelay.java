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
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
 */
public class OutboxRelay {

  /** Field of an aggregate document holding its {@link PendingEvent}s. */
  public static final String OUTBOX = "outbox";
  /** Path of the pending events' ids; a sparse index on it finds documents with pending events. */
  public static final String PENDING = OUTBOX + ".eventId";

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;

  private final MongoTemplate mongo;
  private final KafkaOperations<String, byte[]> kafka;
  private final URI source;
  private final Duration sendTimeout;
  private final MeterRegistry meters;
  private final Map<String, Counter> published = new ConcurrentHashMap<>();
  private final Counter failures;
  private final List<String> collections = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean fullSweepRequested = new AtomicBoolean(true);
  private final Queue<Hint> hints = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> pendingAtLastSweep = new ConcurrentHashMap<>();
  private final ReentrantLock draining = new ReentrantLock();
  private volatile boolean failing;

  OutboxRelay(MongoTemplate mongo, KafkaOperations<String, byte[]> kafka, MeterRegistry meters,
      @Value("${spring.application.name}") String application,
      @Value("${platform.outbox.send-timeout:20s}") Duration sendTimeout) {
    this.mongo = mongo;
    this.kafka = kafka;
    this.meters = meters;
    this.source = URI.create("urn:id.go.jemberkab:" + application);
    this.sendTimeout = sendTimeout;
    this.failures = meters.counter("outbox.publish.failures");
  }

  /** Adds a collection whose documents carry an outbox; indexes its pending flag. */
  public void register(String collection) {
    mongo.indexOps(collection).createIndex(new Index(PENDING, Sort.Direction.ASC).sparse().named("outbox_pending"));
    collections.add(collection);
    published.put(collection, meters.counter("outbox.events.published", "collection", collection));
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

  /** Retries what is waiting (Kafka may have been away). */
  @Scheduled(fixedDelayString = "${platform.outbox.sweep-interval:1s}")
  void retry() {
    if (!hints.isEmpty() || failing) {
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
      for (Map.Entry<String, List<Object>> ids : batch.entrySet()) {
        // by id alone: the embedded store uses an index only for a query on exactly its keys
        List<Document> docs = mongo.find(query(where("_id").in(ids.getValue())), Document.class, ids.getKey())
            .stream().filter(d -> !d.getList(OUTBOX, Document.class, List.of()).isEmpty()).toList();
        if (!docs.isEmpty() && !publish(ids.getKey(), docs)) {
          hints.addAll(taken); // the broker is unreachable: keep them for the next attempt
          return;
        }
      }
    }
    if (hints.isEmpty() && fullSweepRequested.getAndSet(false)) {
      for (String collection : collections) {
        long found = 0;
        List<Document> docs;
        do {
          docs = mongo.find(pending().limit(BATCH), Document.class, collection);
          found += docs.size();
          pendingAtLastSweep.put(collection, found);
          if (!docs.isEmpty() && !publish(collection, docs)) {
            return; // the broker is unreachable: the next full sweep tries again
          }
        } while (docs.size() == BATCH);
        pendingAtLastSweep.put(collection, 0L);
      }
    }
  }

  /**
   * Sends the pending events of a page of documents at once (per document in order: same key, same
   * partition, idempotent producer), waits for the acknowledgements, then removes the acknowledged events in
   * one bulk write. False when any send failed; what was acknowledged is still removed.
   */
  private boolean publish(String collection, List<Document> docs) {
    List<List<CompletableFuture<?>>> sends = new ArrayList<>(docs.size());
    String failure = null;
    for (Document doc : docs) {
      List<CompletableFuture<?>> docSends = new ArrayList<>();
      for (Document e : doc.getList(OUTBOX, Document.class, List.of())) {
        PendingEvent event = mongo.getConverter().read(PendingEvent.class, e);
        try {
          docSends.add(kafka.send(event.toRecord(source)));
        } catch (RuntimeException sendFailure) {
          failure = sendFailure.toString();
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
          failure = e.getCause() == null ? e.toString() : e.getCause().toString();
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
    if (failure != null) {
      failures.increment();
      if (!failing) {
        log.warn("outbox relay cannot publish ({}); events stay pending and are retried", failure);
        failing = true;
      }
      return false;
    }
    if (failing) {
      log.info("outbox relay publishes again");
      failing = false;
    }
    return true;
  }

  /** Documents with events not yet acknowledged by Kafka. */
  public static Query pending() {
    return query(where(PENDING).exists(true));
  }
}
