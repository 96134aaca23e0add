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
 * so a slow or absent broker never holds a call up. While Kafka is unreachable records wait in the queue and
 * the producer's buffer; when both are full, further records are dropped and counted
 * ({@code gateway_audit_records_total{outcome="dropped"}}), which an alert watches.
 */
public final class AuditLog implements AutoCloseable {

  static final URI SOURCE = URI.create("urn:id.go.jemberkab:gateway");
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private static final long DRAIN_INTERVAL_MS = 5;

  private final BlockingQueue<GatewayAccess> queue;
  private final Producer<String, byte[]> producer;
  private final JsonMapper json;
  private final Thread sender;
  private final Counter sent;
  private final Counter dropped;
  private final Counter failed;
  private volatile boolean running = true;

  public AuditLog(String bootstrapServers, int capacity, JsonMapper json, MeterRegistry meters) {
    this(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
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
    Gauge.builder("gateway.audit.queue", queue, BlockingQueue::size).register(meters);
    this.sender = new Thread(this::sendLoop, "gateway-audit");
    sender.setDaemon(true);
    sender.start();
  }

  /** Queues a record; never blocks the calling thread. */
  public void record(GatewayAccess access) {
    if (!queue.offer(access)) {
      dropped.increment();
    }
  }

  /**
   * Takes what has queued up every few milliseconds instead of waiting on the queue: a waiting sender was woken by
   * nearly every call, a thread switch per call on the request path.
   */
  private void sendLoop() {
    List<GatewayAccess> batch = new ArrayList<>(512);
    while (running || !queue.isEmpty()) {
      try {
        if (queue.drainTo(batch, 512) == 0) {
          Thread.sleep(DRAIN_INTERVAL_MS);
          continue;
        }
        for (GatewayAccess access : batch) {
          send(access);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        failed.increment(batch.size());
        log.warn("audit records could not be handed to Kafka: {}", e.toString());
      } finally {
        batch.clear();
      }
    }
  }

  private void send(GatewayAccess access) {
    CloudEvent event = new CloudEvent(TraceContext.fastUuid(java.util.concurrent.ThreadLocalRandom.current()), SOURCE, EventType.GATEWAY_ACCESS.type(),
        access.requestId(), access.time().atOffset(ZoneOffset.UTC), CloudEvent.JSON, json.writeValueAsBytes(access));
    producer.send(CloudEventHeaders.toRecord(EventType.GATEWAY_ACCESS.topic().name(), access.clientId(), event),
        (metadata, error) -> {
          if (error == null) {
            sent.increment();
          } else {
            failed.increment();
            log.warn("an audit record was not accepted by Kafka: {}", error.toString());
          }
        });
  }

  @Override
  public void close() {
    running = false;
    try {
      sender.join(TimeUnit.SECONDS.toMillis(5));
      sender.interrupt();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(5));
    if (!queue.isEmpty()) {
      log.warn("{} audit records were not sent before the gateway stopped", queue.size());
    }
  }
}
