package id.go.jemberkab.platform.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The request id a caller sends is passed on only when it cannot be a NIK or a phone number. */
class TraceContextTest {

  @Test
  void aRequestIdThatCouldBePersonalDataIsReplaced() {
    // a UUID whose last group is all digits, a hex id with a run of digits: ids, not personal data
    for (String kept : java.util.List.of("req-1a2b3c4d", "sp2d-2026-11-30-000123", UUID.randomUUID().toString(),
        "123e4567-e89b-42d3-a456-426614174000", "trace-8123456789ab0f3e")) {
      assertThat(TraceContext.of(null, kept).requestId()).as(kept).isEqualTo(kept);
    }
    // a NIK, a phone number, a NIK inside a longer id: replaced by a fresh UUID, which is no personal data
    for (String replaced : java.util.List.of("3509196612930045", "081234567890", "req-3509196612930045-1",
        "nik3509196612930045", "has space", "")) {
      String id = TraceContext.of(null, replaced).requestId();
      assertThat(id).as(replaced).isNotEqualTo(replaced);
      assertThat(UUID.fromString(id).version()).isEqualTo(4);
    }
  }
}
