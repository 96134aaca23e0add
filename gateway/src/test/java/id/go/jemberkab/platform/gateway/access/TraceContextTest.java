package id.go.jemberkab.platform.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The request id a caller sends is passed on only when it is a generated id, which holds no personal data. */
class TraceContextTest {

  @Test
  void aRequestIdThatCouldBePersonalDataIsReplaced() {
    // UUIDs, a ULID, 16 and 32 hex digits as proxies and tracers make them
    for (String kept : java.util.List.of("f47ac10b-58cc-4372-a567-0e02b2c3d479", "123e4567-e89b-42d3-a456-4266141a4000",
        "01JDQ8Z5X3M7K2W9R4T6Y8B1C0", "01jdq8z5x3m7k2w9r4t6y8b1c0", "8123456789ab0f3e",
        "4bf92f3577b34da6a3ce929d0e0e4736")) {
      assertThat(TraceContext.of(null, kept).requestId()).as(kept).isEqualTo(kept);
    }
    // a NIK (also in groups, or as 16 hex digits), a phone number, a name, an id built from them, a NIK hidden in
    // a ULID or in 32 hex digits: replaced by a fresh UUID, which is no personal data
    for (String replaced : java.util.List.of("3509196612930045", "3509-1966-1293-0045", "3509196612930045a",
        "081234567890", "0812-3456-7890", "siti.aminah-0001", "req-3509196612930045-1", "req-1a2b3c4d",
        "01J3509196612930045ABCDEFG", "aaaa3509196612930045bbbbccccdddd", "has space", "",
        "35091941-0190-0002-0000-081234567890", "35091941-0190-4002-8000-081234567890",
        "081234567890ABCDEFGHJKMNPQ")) {
      String id = TraceContext.of(null, replaced).requestId();
      assertThat(id).as(replaced).isNotEqualTo(replaced);
      assertThat(UUID.fromString(id).version()).isEqualTo(4);
    }
  }
}
