package id.go.jemberkab.platform.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * A kind of failure with a stable {@code type} URI, a title and a status. Generic kinds are in
 * {@link Problems}; a service declares its own beside their only user. Listed in {@code docs/problems.md}.
 *
 * @param slug the last segment of the type URI, e.g. {@code validation-failed}
 */
public record ProblemType(String slug, String title, HttpStatus status) {

  /** Base of every problem type URI, stable across releases. */
  public static final String BASE = "https://platform.jemberkab.go.id/problems/";

  public URI type() {
    return URI.create(BASE + slug);
  }
}
