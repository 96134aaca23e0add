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

  /** RFC 9457's own members: an extension under one of these names would repeat the key in the body. */
  static final java.util.Set<String> MEMBERS = java.util.Set.of("type", "title", "status", "detail", "instance");

  public ProblemException(ProblemType type, String detail, Map<String, Object> properties) {
    super(detail);
    for (String name : properties.keySet()) {
      if (MEMBERS.contains(name)) {
        // a client's parser keeps the last of two keys: "status":"unpublished" over the number 409
        throw new IllegalArgumentException("an extension member may not be named " + name + ", an RFC 9457 member");
      }
    }
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
