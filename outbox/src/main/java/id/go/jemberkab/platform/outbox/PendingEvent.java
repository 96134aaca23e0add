package id.go.jemberkab.platform.outbox;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event waiting in its aggregate's document to be published: the CloudEvent attributes, the topic, the
 * record key and the JSON data, exactly as they will go on the wire, and the W3C trace context and request id
 * of the call that caused it (null for what the service does on its own schedule).
 */
public record PendingEvent(String eventId, String type, String topic, String key, String subject, Instant time,
    String data, String traceparent, String requestId) {

  CloudEvent toCloudEvent(URI source) {
    return new CloudEvent(eventId, source, type, subject, time.atOffset(ZoneOffset.UTC), CloudEvent.JSON,
        data.getBytes(StandardCharsets.UTF_8));
  }

  /** The record as it goes to Kafka: CloudEvents binary mode plus the trace context of its cause. */
  ProducerRecord<String, byte[]> toRecord(URI source) {
    ProducerRecord<String, byte[]> record = CloudEventHeaders.toRecord(topic, key, toCloudEvent(source));
    CloudEventHeaders.writeTrace(record.headers(), traceparent, requestId);
    return record;
  }

  /**
   * Makes pending events, checking each against its JSON Schema first: an event that breaks its contract
   * is a bug to stop here, not poison for every consumer downstream.
   */
    public static class Factory {

    private final JsonMapper json;
    private final EventSchemas schemas = EventSchemas.load();
    private final Clock clock;

    Factory(JsonMapper json, Clock clock) {
      this.json = json;
      this.clock = clock;
    }

    public PendingEvent create(EventType type, String key, String subject, Record data) {
      if (!type.dataClass().isInstance(data)) {
        throw new IllegalArgumentException(type.type() + " carries " + type.dataClass().getSimpleName());
      }
      byte[] bytes = json.writeValueAsBytes(data);
      List<String> violations = schemas.violations(type, bytes);
      if (!violations.isEmpty()) {
        throw new IllegalStateException(type.type() + " breaks its schema: " + violations);
      }
      CallTrace trace = CallTrace.current();
      return new PendingEvent(UUID.randomUUID().toString(), type.type(), type.topic().name(), key, subject,
          clock.instant().truncatedTo(ChronoUnit.MILLIS), new String(bytes, StandardCharsets.UTF_8),
          trace.traceparent(), trace.requestId());
    }
  }
}
