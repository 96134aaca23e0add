package id.go.jemberkab.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

  private final CloudEvent event = new CloudEvent("4c1e7a0e-1d8e-4a57-9d4e-2f0b5d9a7c11",
      URI.create("urn:id.go.jemberkab:citizen-service"), "id.go.jemberkab.citizen.registered.v1",
      "9f2c4e1a7b3d5f608e1c2a4b6d8f0a1c", OffsetDateTime.parse("2026-11-27T03:15:42.123Z"),
      CloudEvent.JSON, "{}".getBytes(StandardCharsets.UTF_8));

  @Test
  void writesTheBinaryModeHeadersOfTheKafkaBinding() {
    ProducerRecord<String, byte[]> record = CloudEventHeaders.toRecord("citizen.registry.v1", "key-1", event);

    assertThat(record.key()).isEqualTo("key-1");
    assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(header(record, "ce_id")).isEqualTo(event.id());
    assertThat(header(record, "ce_source")).isEqualTo("urn:id.go.jemberkab:citizen-service");
    assertThat(header(record, "ce_type")).isEqualTo("id.go.jemberkab.citizen.registered.v1");
    assertThat(header(record, "ce_subject")).isEqualTo(event.subject());
    assertThat(header(record, "ce_time")).isEqualTo("2026-11-27T03:15:42.123Z");
    assertThat(header(record, "content-type")).isEqualTo("application/json");
  }

  @Test
  void readsBackWhatItWrote() {
    ProducerRecord<String, byte[]> record = CloudEventHeaders.toRecord("t.v1", "k", event);
    CloudEvent read = CloudEventHeaders.read(record.headers(), record.value());
    assertThat(read).usingRecursiveComparison().isEqualTo(event);
  }

  @Test
  void rejectsARecordWithoutSpecVersionAsMalformed() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_id", "x".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CloudEventHeaders.read(headers, new byte[0]))
        .isInstanceOf(CloudEventHeaders.MalformedEventException.class)
        .hasMessageContaining("ce_specversion");
  }

  @Test
  void rejectsAnUnparsableTimeAsMalformed() {
    ProducerRecord<String, byte[]> record = CloudEventHeaders.toRecord("t.v1", "k", event);
    record.headers().remove("ce_time");
    record.headers().add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CloudEventHeaders.read(record.headers(), record.value()))
        .isInstanceOf(CloudEventHeaders.MalformedEventException.class);
  }

  private static String header(ProducerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
