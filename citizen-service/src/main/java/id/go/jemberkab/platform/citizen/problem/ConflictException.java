package id.go.jemberkab.platform.citizen.problem;

/** The request contradicts the resource's current state; answered with its problem type (409). */
public class ConflictException extends RuntimeException {

  private final ProblemType type;

  public ConflictException(ProblemType type, String message) {
    super(message);
    this.type = type;
  }

  public ProblemType type() {
    return type;
  }
}
