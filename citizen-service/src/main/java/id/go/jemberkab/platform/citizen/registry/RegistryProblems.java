package id.go.jemberkab.platform.citizen.registry;

import id.go.jemberkab.platform.problems.ProblemType;
import org.springframework.http.HttpStatus;

/** Problem types of the citizen registry. */
enum RegistryProblems implements ProblemType {

  ALREADY_REGISTERED("already-registered", "The citizen is already registered", HttpStatus.CONFLICT);

  private final String slug;
  private final String title;
  private final HttpStatus status;

  RegistryProblems(String slug, String title, HttpStatus status) {
    this.slug = slug;
    this.title = title;
    this.status = status;
  }

  @Override
  public String slug() {
    return slug;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public HttpStatus status() {
    return status;
  }
}
