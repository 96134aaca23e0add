package id.go.jemberkab.platform.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * A kind of failure with a stable {@code type} URI, a title and a status. Generic kinds are in
 * {@link Problems}; a service adds its own as an enum implementing this. Listed in {@code docs/problems.md}.
 */
public interface ProblemType {

  /** Base of every problem type URI, stable across releases. */
  String BASE = "https://platform.jemberkab.go.id/problems/";

  /** The last segment of the type URI, e.g. {@code validation-failed}. */
  String slug();

  String title();

  HttpStatus status();

  default URI type() {
    return URI.create(BASE + slug());
  }
}
