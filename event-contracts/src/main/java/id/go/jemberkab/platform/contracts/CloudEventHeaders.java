package id.go.jemberkab.platform.contracts;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents Kafka protocol binding, binary content mode: each context attribute in a {@code ce_}
 * header (UTF-8), {@code datacontenttype} in {@code content-type}, the data as the record value.
 */
public final class CloudEventHeaders {

  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String SPEC_VERSION = "ce_specversion";
  public static final String TYPE = "ce_type";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";
  public static final String CONTENT_TYPE = "content-type";
  /** CloudEvents distributed tracing extension: the W3C trace context of the call that caused the event. */
  public static final String TRACEPARENT = "ce_traceparent";
  /** The request id ({@code X-Request-Id}) of the call that caused the event. */
  public static final String REQUEST_ID = "ce_requestid";

  private CloudEventHeaders() {
  }

  /** A record for {@code topic} keyed by the aggregate id, so one aggregate's events stay in order. */
  public static ProducerRecord<String, byte[]> toRecord(String topic, String key, CloudEvent event) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, event.data());
    write(event, record.headers());
    return record;
  }

  public static void write(CloudEvent event, Headers headers) {
    put(headers, SPEC_VERSION, CloudEvent.SPEC_VERSION);
    put(headers, ID, event.id());
    put(headers, SOURCE, event.source().toString());
    put(headers, TYPE, event.type());
    if (event.subject() != null) {
      put(headers, SUBJECT, event.subject());
    }
    put(headers, TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time()));
    put(headers, CONTENT_TYPE, event.dataContentType());
  }

  /**
   * Adds the cause's trace context when there is one: {@code ce_traceparent} (CloudEvents distributed tracing
   * extension), plain {@code traceparent} (what OpenTelemetry's Kafka instrumentation reads) and
   * {@code ce_requestid}.
   */
  public static void writeTrace(Headers headers, String traceparent, String requestId) {
    if (traceparent != null) {
      put(headers, TRACEPARENT, traceparent);
      put(headers, "traceparent", traceparent);
    }
    if (requestId != null) {
      put(headers, REQUEST_ID, requestId);
    }
  }

  /**
   * Reads a binary-mode CloudEvent back.
   *
   * @throws MalformedEventException when a required attribute is missing or unreadable, or the spec
   *     version is not 1.0: such a record is poison and belongs in the dead-letter topic
   */
  public static CloudEvent read(ConsumerRecord<?, byte[]> record) {
    return read(record.headers(), record.value());
  }

  public static CloudEvent read(Headers headers, byte[] value) {
    String specVersion = get(headers, SPEC_VERSION);
    if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
      throw new MalformedEventException("unsupported or missing ce_specversion: " + specVersion);
    }
    if (value == null) {
      throw new MalformedEventException("record has no data");
    }
    try {
      return new CloudEvent(get(headers, ID), URI.create(require(headers, SOURCE)), get(headers, TYPE),
          get(headers, SUBJECT), OffsetDateTime.parse(require(headers, TIME)), get(headers, CONTENT_TYPE), value);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new MalformedEventException(e.getMessage());
    }
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String require(Headers headers, String name) {
    String value = get(headers, name);
    if (value == null) {
      throw new MalformedEventException("missing header " + name);
    }
    return value;
  }

  private static String get(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** A record that does not carry a readable CloudEvent. */
  public static final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
      super(message);
    }
  }
}
