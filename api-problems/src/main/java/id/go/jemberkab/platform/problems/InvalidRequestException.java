package id.go.jemberkab.platform.problems;

import java.util.List;

/** The request is well-formed but breaks the rules of its fields; answered 400 with every field error. */
public class InvalidRequestException extends ProblemException {

  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(Problems.VALIDATION_FAILED, "Correct the fields listed in 'errors' and send again.");
    this.errors = List.copyOf(errors);
  }

  /** A single invalid field, typically a query parameter. */
  public static InvalidRequestException of(String field, String code, String message) {
    return new InvalidRequestException(List.of(new FieldError(field, code, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
