package id.go.jemberkab.platform.citizen.problem;

import java.util.List;

/** The request is well-formed but breaks the rules of its fields; answered 400 with every field error. */
public class InvalidRequestException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.size() + " invalid field(s)");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
