package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads the CloudEvent of each source record. Types the views do not use pass as {@code null} and are
 * dropped (producers may add types); unreadable envelopes, data that breaks its schema and data that its record
 * cannot hold (a number past its range) become poison,
 * marked with {@code kafka_dlt-*} headers for the dead-letter topic.
 */
final class ReadEvents implements FixedKeyProcessor<String, byte[], Event> {

  private final EventSchemas schemas;
  private final ViewMetrics metrics;
  private FixedKeyProcessorContext<String, Event> context;

  ReadEvents(EventSchemas schemas, ViewMetrics metrics) {
    this.schemas = schemas;
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Event> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("unknown");
    CloudEvent event;
    try {
      event = CloudEventHeaders.read(record.headers(), record.value());
    } catch (CloudEventHeaders.MalformedEventException e) {
      poison(record, topic, "malformed CloudEvent: " + e.getMessage());
      return;
    }
    Optional<EventType> type = EventType.of(event.type());
    if (type.isEmpty()) {
      metrics.skipped(topic);
      return;
    }
    List<String> violations;
    try {
      violations = schemas.violations(type.get(), event.data());
      if (violations.isEmpty()) {
        // what the schema allows and the record cannot hold (an edition past an int) would throw in a view, on
        // every retry of the same record, and stop every view
        JsonSerde.JSON.readValue(event.data(), type.get().dataClass());
      }
    } catch (RuntimeException unreadable) {
      violations = List.of("data does not fit " + type.get().dataClass().getSimpleName() + ": "
          + unreadable.getClass().getSimpleName());
    }
    if (!violations.isEmpty()) {
      poison(record, topic, event.type() + " " + event.id() + " breaks its schema: " + violations);
      return;
    }
    metrics.consumed(type.get());
    context.forward(record.withValue(new Event(type.get(), event.id(), event.data(), null)));
  }

  private void poison(FixedKeyRecord<String, byte[]> record, String topic, String reason) {
    metrics.poisoned(topic);
    var headers = record.headers();
    headers.remove("kafka_dlt-original-topic");
    headers.add("kafka_dlt-original-topic", topic.getBytes(StandardCharsets.UTF_8));
    context.recordMetadata().ifPresent(m -> {
      headers.add("kafka_dlt-original-partition", Integer.toString(m.partition()).getBytes(StandardCharsets.UTF_8));
      headers.add("kafka_dlt-original-offset", Long.toString(m.offset()).getBytes(StandardCharsets.UTF_8));
    });
    headers.add("kafka_dlt-exception-message", reason.getBytes(StandardCharsets.UTF_8));
    context.forward(record.withValue(new Event(null, null, record.value(), reason)));
  }
}
