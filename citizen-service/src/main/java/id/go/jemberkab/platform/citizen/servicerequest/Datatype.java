package id.go.jemberkab.platform.citizen.servicerequest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Open311 attribute datatypes and how a submitted value is checked against each. */
enum Datatype {
  STRING("string"), NUMBER("number"), DATETIME("datetime"), TEXT("text"), SINGLEVALUELIST("singlevaluelist"),
  MULTIVALUELIST("multivaluelist");

  static final int MAX_STRING = 500;
  static final int MAX_TEXT = 4000;

  private final String code;

  Datatype(String code) {
    this.code = code;
  }

  String code() {
    return code;
  }

  static Optional<Datatype> of(String code) {
    return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
  }

  /**
   * A number MongoDB can hold as it came: JSON gives an integer past a long's range as a BigInteger (no BSON type
   * takes it: a 500 on storing), and 1e400 as an infinite double (stored, and read back as "Infinity").
   */
  private static boolean storable(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof Double d && Double.isFinite(d) || value instanceof Float f && Float.isFinite(f);
  }

  /** What is wrong with {@code value} for this type, or empty; never quotes the value. */
  Optional<String> problem(Object value, List<ServiceDefinition.Value> allowed) {
    Set<String> keys = allowed == null ? Set.of()
        : allowed.stream().map(ServiceDefinition.Value::key).collect(Collectors.toSet());
    return switch (this) {
      case STRING, TEXT -> value instanceof String s
          ? (s.length() > (this == STRING ? MAX_STRING : MAX_TEXT)
              ? Optional.of("is longer than " + (this == STRING ? MAX_STRING : MAX_TEXT) + " characters")
              : Optional.empty())
          : Optional.of("must be a string");
      case NUMBER -> storable(value) ? Optional.empty()
          : Optional.of("must be a number: an integer of at most 18 digits or a finite decimal");
      case DATETIME -> {
        if (!(value instanceof String s)) {
          yield Optional.of("must be an RFC 3339 date-time string");
        }
        try {
          // RFC 3339 years have four digits; java.time takes nine
          int year = OffsetDateTime.parse(s).getYear();
          yield year >= 1 && year <= 9999 ? Optional.empty() : Optional.of("must be an RFC 3339 date-time string");
        } catch (DateTimeParseException e) {
          yield Optional.of("must be an RFC 3339 date-time string");
        }
      }
      case SINGLEVALUELIST -> value instanceof String s && keys.contains(s)
          ? Optional.empty() : Optional.of("must be one of " + String.join(", ", keys));
      case MULTIVALUELIST -> value instanceof List<?> list && !list.isEmpty()
          && list.stream().allMatch(v -> v instanceof String s && keys.contains(s))
          ? Optional.empty() : Optional.of("must be a list of " + String.join(", ", keys));
    };
  }
}
