package id.go.jemberkab.platform.content.publishing;

import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.ProblemType;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * The API client calling, as the gateway verified it ({@code X-Client-Id}, {@code X-Client-Scopes}): authors
 * hold {@code content:write}, editors {@code content:publish}. Without the gateway's headers a call is
 * anonymous and may only read what is published.
 */
record Caller(String clientId, Set<String> scopes) {

  static final String WRITE = "content:write";
  static final String PUBLISH = "content:publish";
  static final ProblemType FORBIDDEN = new ProblemType("scope-missing",
      "The client lacks the scope this operation needs", HttpStatus.FORBIDDEN);
  private static final Pattern CLIENT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

  static Caller of(String clientId, String scopes) {
    if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
      return new Caller(null, Set.of());
    }
    return new Caller(clientId, scopes == null ? Set.of()
        : Arrays.stream(scopes.split(" ")).filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet()));
  }

  /** Ends the call with 403 unless the client holds the scope. */
  Caller require(String scope) {
    if (!scopes.contains(scope)) {
      throw new ProblemException(FORBIDDEN, clientId == null
          ? "This operation needs a registered client with " + scope + "; call it through the gateway."
          : "This operation needs the scope " + scope + ".", Map.of("requiredScope", scope));
    }
    return this;
  }
}
