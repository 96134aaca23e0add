package id.go.jemberkab.platform.problems;

/** Ends a request with a problem response of the given type; the message becomes its {@code detail}. */
public class ProblemException extends RuntimeException {

  private final transient ProblemType type;

  public ProblemException(ProblemType type, String detail) {
    super(detail);
    this.type = type;
  }

  public ProblemType type() {
    return type;
  }
}
