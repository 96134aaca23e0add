package id.go.jemberkab.platform.gateway.access;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.gateway.GatewayAccess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes one {@link GatewayAccess} record per call to {@code gateway.access.v1}, keyed by client id. The
 * request path only hands the record to a bounded queue; one thread sends (idempotent producer, acks=all),
 * so a slow or absent broker never holds a call up.
 *
 * <p>While Kafka is away, records wait in that queue: at most {@value #IN_FLIGHT} are with the producer at a time,
 * and a record the producer could not deliver in time (the broker gone longer than its delivery timeout), or could
 * not take at all (no broker to ask for the topic), goes back to be sent again. Only when the queue is full are
 * further records dropped and counted ({@code gateway_audit_records_total{outcome="dropped"}}), as are those still
 * queued when the gateway stops; {@code outcome="failed"} counts records Kafka refused for good (a record too
 * large, a topic it does not allow). An alert watches both.
 *
 * <p>The producer lingers up to 100 ms and fills batches of up to 256 KiB: a record reaches the topic a tenth of
 * a second later, and the broker handles one produce request per hundred-odd calls instead of one per twenty. At
 * 20 ms the broker spent about 45 µs of CPU per proxied call on audit records, at 100 ms about 20 µs.
 */
public final class AuditLog implements AutoCloseable {

  static final URI SOURCE = URI.create("urn:id.go.jemberkab:gateway");
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private static final long DRAIN_INTERVAL_MS = 5;
  /** Records with the producer at once; the rest wait in the queue, where a full queue is counted. */
  static final int IN_FLIGHT = 10_000;
  /** The wait before handing records to a producer that could not take one (no broker for its metadata). */
  private static final long AWAY_PAUSE_MS = 1_000;

  private final BlockingQueue<GatewayAccess> queue;
  /** Records handed back by the producer, sent again before the queue's. */
  private final java.util.concurrent.ConcurrentLinkedDeque<GatewayAccess> again =
      new java.util.concurrent.ConcurrentLinkedDeque<>();
  private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
  private final Producer<String, byte[]> producer;
  private final JsonMapper json;
  private final Thread sender;
  private final Counter sent;
  private final Counter dropped;
  private final Counter failed;
  private volatile boolean running = true;
  /** Records the producer gave up on as it closed; counted as dropped, and told once. */
  private final java.util.concurrent.atomic.AtomicLong abortedAtClose = new java.util.concurrent.atomic.AtomicLong();

  public AuditLog(String bootstrapServers, int capacity, JsonMapper json, MeterRegistry meters) {
    this(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 100, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ProducerConfig.CLIENT_ID_CONFIG, "gateway-audit", ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.MINUTES.toMillis(10)),
        new StringSerializer(), new ByteArraySerializer()), capacity, json, meters);
  }

  AuditLog(Producer<String, byte[]> producer, int capacity, JsonMapper json, MeterRegistry meters) {
    this.producer = producer;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.json = json;
    this.sent = Counter.builder("gateway.audit.records").tag("outcome", "sent").register(meters);
    this.dropped = Counter.builder("gateway.audit.records").tag("outcome", "dropped").register(meters);
    this.failed = Counter.builder("gateway.audit.records").tag("outcome", "failed").register(meters);
    Gauge.builder("gateway.audit.queue", this, a -> a.queue.size() + a.again.size()).register(meters);
    this.sender = new Thread(this::sendLoop, "gateway-audit");
    sender.setDaemon(true);
    sender.start();
  }

  /** Queues a record; never blocks the calling thread. */
  public void record(GatewayAccess access) {
    if (!running || !queue.offer(access)) {
      dropped.increment();
    }
  }

  /**
   * Takes what has queued up every few milliseconds instead of waiting on the queue: a waiting sender was woken by
   * nearly every call, a thread switch per call on the request path.
   */
  private void sendLoop() {
    try {
      while (running) {
        GatewayAccess next = again.pollFirst();
        if (next == null) {
          next = queue.poll();
        }
        if (next == null) {
          Thread.sleep(DRAIN_INTERVAL_MS);
          continue;
        }
        inFlight.acquire();
        if (!send(next)) {
          Thread.sleep(AWAY_PAUSE_MS);
        }
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  /** Hands one record to the producer; false (the record back in line) when the producer could not take it. */
  private boolean send(GatewayAccess access) {
    CloudEvent event = new CloudEvent(TraceContext.fastUuid(java.util.concurrent.ThreadLocalRandom.current()), SOURCE,
        EventType.GATEWAY_ACCESS.type(), access.requestId(), access.time().atOffset(ZoneOffset.UTC), CloudEvent.JSON,
        json.writeValueAsBytes(access));
    try {
      producer.send(CloudEventHeaders.toRecord(EventType.GATEWAY_ACCESS.topic().name(), access.clientId(), event),
          (metadata, error) -> {
            inFlight.release();
            if (error == null) {
              sent.increment();
            } else if (!running) {
              // aborted as the producer closes with the broker away: not sent, and not refused either
              dropped.increment();
              abortedAtClose.incrementAndGet();
            } else if (error instanceof org.apache.kafka.common.errors.RetriableException) {
              again.addLast(access);
            } else {
              failed.increment();
              log.warn("an audit record was refused by Kafka: {}", error.toString());
            }
          });
      return true;
    } catch (org.apache.kafka.common.KafkaException away) {
      inFlight.release();
      again.addFirst(access);
      log.warn("audit records could not be handed to Kafka, trying again: {}", away.toString());
      return false;
    }
  }

  @Override
  public void close() {
    running = false;
    sender.interrupt();
    try {
      sender.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // what is queued goes to the producer, which sends what it can before it closes
    for (GatewayAccess access = again.pollFirst(); access != null; access = again.pollFirst()) {
      queue.offer(access);
    }
    List<GatewayAccess> left = new ArrayList<>();
    queue.drainTo(left);
    int unsent = 0;
    // a broker that is away would make each hand-off wait max.block.ms: a few seconds for all of them, then stop
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (GatewayAccess access : left) {
      if (System.nanoTime() - deadline > 0) {
        unsent++;
        continue;
      }
      try {
        send(access);
      } catch (RuntimeException e) {
        unsent++;
      }
    }
    producer.close(java.time.Duration.ofSeconds(5));
    unsent += again.size();
    if (unsent > 0) {
      dropped.increment(unsent);
    }
    if (unsent + abortedAtClose.get() > 0) {
      log.warn("{} audit records were not sent before the gateway stopped", unsent + abortedAtClose.get());
    }
  }
}
