package id.go.jemberkab.platform.outbox;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event waiting in its aggregate's document to be published: the CloudEvent attributes, the topic, the
 * record key and the JSON data, exactly as they will go on the wire, and the W3C trace context and request id
 * of the call that caused it (null for what the service does on its own schedule).
 */
public record PendingEvent(String eventId, String type, String topic, String key, String subject, Instant time,
    String data, String traceparent, String requestId) {

  private static final Pattern TRACEPARENT = Pattern.compile("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
  private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

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

  /** The calling request's {@code traceparent} and {@code X-Request-Id}, as the gateway passed them on. */
  static String[] currentTrace() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      String traceparent = request.getHeader("traceparent");
      String requestId = request.getHeader("X-Request-Id");
      return new String[] {traceparent != null && TRACEPARENT.matcher(traceparent).matches() ? traceparent : null,
          requestId != null && REQUEST_ID.matcher(requestId).matches() ? requestId : null};
    }
    return new String[] {null, null};
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
      String[] trace = currentTrace();
      return new PendingEvent(UUID.randomUUID().toString(), type.type(), type.topic().name(), key, subject,
          clock.instant().truncatedTo(ChronoUnit.MILLIS), new String(bytes, StandardCharsets.UTF_8), trace[0],
          trace[1]);
    }
  }
}
