package id.go.jemberkab.platform.citizen.problem;

/** The addressed resource does not exist; answered 404. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
