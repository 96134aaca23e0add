package id.go.jemberkab.platform.contracts;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event as the platform carries it: the context attributes plus JSON data. On Kafka it
 * travels in binary mode ({@link CloudEventHeaders}): attributes in {@code ce_*} headers, data as the value.
 */
public record CloudEvent(String id, URI source, String type, String subject, OffsetDateTime time,
    String dataContentType, byte[] data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String JSON = "application/json";

  public CloudEvent {
    requireText(id, "id");
    Objects.requireNonNull(source, "source");
    requireText(type, "type");
    Objects.requireNonNull(time, "time");
    requireText(dataContentType, "datacontenttype");
    Objects.requireNonNull(data, "data");
  }

  private static void requireText(String value, String attribute) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("CloudEvent attribute '" + attribute + "' is required");
    }
  }
}
