package id.go.jemberkab.platform.problems;

/** The addressed resource does not exist; answered 404. */
public class NotFoundException extends ProblemException {

  public NotFoundException(String detail) {
    super(Problems.NOT_FOUND, detail);
  }
}
