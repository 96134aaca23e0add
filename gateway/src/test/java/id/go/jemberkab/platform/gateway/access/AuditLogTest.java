package id.go.jemberkab.platform.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.contracts.gateway.GatewayAccess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Audit records wait out a broker that is away instead of being lost with it. */
class AuditLogTest {

  @Test
  void aRecordKafkaCouldNotDeliverInTimeIsSentAgainNotLost() {
    MockProducer<String, byte[]> kafka = new MockProducer<>(false, null, new StringSerializer(),
        new ByteArraySerializer());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AuditLog audit = new AuditLog(kafka, 100, JsonMapper.builder().build(), meters);
    try {
      for (int i = 1; i <= 3; i++) {
        audit.record(access("req-" + i));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> kafka.history().size() == 3);
      // the broker was away longer than the delivery timeout: the first record's send expires
      assertThat(kafka.errorNext(new TimeoutException("Expiring 1 record(s): 600000 ms has passed"))).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> kafka.history().size() == 4);
      while (kafka.completeNext()) {
        // the broker is back
      }
      assertThat(kafka.history().get(3).key()).isEqualTo("dukcapil");
      assertThat(new String(kafka.history().get(3).value())).contains("req-1");
      assertThat(meters.counter("gateway.audit.records", "outcome", "sent").count()).isEqualTo(3);
      assertThat(meters.counter("gateway.audit.records", "outcome", "failed").count()).isZero();
      assertThat(meters.counter("gateway.audit.records", "outcome", "dropped").count()).isZero();
    } finally {
      audit.close();
    }
  }

  /**
   * Records the producer gives up on as the gateway stops with the broker away were counted as refused by Kafka
   * ({@code failed}, "for good"), each with a warning of its own: they are dropped, and counted so.
   */
  @Test
  void recordsAbortedAsTheGatewayStopsAreCountedDroppedNotFailed() {
    MockProducer<String, byte[]> kafka = new MockProducer<>(false, null, new StringSerializer(),
        new ByteArraySerializer());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AuditLog audit = new AuditLog(kafka, 100, JsonMapper.builder().build(), meters);
    for (int i = 1; i <= 3; i++) {
      audit.record(access("req-" + i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> kafka.history().size() == 3);
    audit.close();
    // what KafkaProducer.close does to the batches still waiting for an away broker
    while (kafka.errorNext(new org.apache.kafka.common.KafkaException("Producer is closed forcefully."))) {
      // each of the three
    }
    assertThat(meters.counter("gateway.audit.records", "outcome", "dropped").count()).isEqualTo(3);
    assertThat(meters.counter("gateway.audit.records", "outcome", "failed").count()).isZero();
  }

  private static GatewayAccess access(String requestId) {
    return new GatewayAccess(Instant.parse("2026-11-29T03:00:00Z"), "dukcapil", "citizen", "GET",
        "/api/v1/citizens/{id}", 200, 12, 0, 80, null, "4bf92f3577b34da6a3ce929d0e0e4736", requestId);
  }
}
