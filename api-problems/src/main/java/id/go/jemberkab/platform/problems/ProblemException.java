package id.go.jemberkab.platform.problems;

import java.util.Map;

/**
 * Ends a request with a problem response of the given type; the message becomes its {@code detail} and the
 * properties extra members of the body (RFC 9457 extensions), e.g. the candidates of a duplicate.
 */
public class ProblemException extends RuntimeException {

  private final transient ProblemType type;
  private final transient Map<String, Object> properties;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  public ProblemException(ProblemType type, String detail, Map<String, Object> properties) {
    super(detail);
    this.type = type;
    this.properties = Map.copyOf(properties);
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
