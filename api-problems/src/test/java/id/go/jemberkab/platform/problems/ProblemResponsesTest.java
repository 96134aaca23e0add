package id.go.jemberkab.platform.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

  /** An extension named like an RFC 9457 member would put its key in the body twice, and a parser keep the last. */
  @Test
  void anExtensionMayNotTakeTheNameOfAProblemMember() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new ProblemException(
        Problems.CONFLICT, "changed", java.util.Map.of("status", "unpublished")));
    assertThat(new ProblemException(Problems.CONFLICT, "changed", java.util.Map.of("itemStatus", "unpublished"))
        .properties()).containsKey("itemStatus");
  }

  /** The log names the handler's pattern, not the path a caller typed (a NIK where the citizen's id belongs). */
  @Test
  void anUnhandledErrorIsLoggedAtItsPathPatternNotItsPath() {
    var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/api/v1/citizens/3509194101900002");
    assertThat(ProblemResponses.where(request)).doesNotContain("3509194101900002");
    request.setAttribute(org.springframework.web.servlet.HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
        "/api/v1/citizens/{id}");
    assertThat(ProblemResponses.where(request)).isEqualTo("/api/v1/citizens/{id}");
  }

  /** An unexpected error's log keeps where it happened and drops what its messages quote. */
  @Test
  void anUnhandledErrorIsLoggedWithItsClassesAndStackButNoneOfItsMessages() {
    IllegalStateException cause = new IllegalStateException("E11000 duplicate key error dup key: { nik: \"3509194101900002\" }");
    RuntimeException error = new RuntimeException("write failed for Siti Aminah, 0812-3456-7890", cause);

    Throwable logged = ProblemResponses.withoutMessages(error);

    StringWriter trace = new StringWriter();
    logged.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain("3509194101900002").doesNotContain("Siti").doesNotContain("0812")
        .contains(RuntimeException.class.getName()).contains(IllegalStateException.class.getName())
        .contains("ProblemResponsesTest.anUnhandledErrorIsLoggedWithItsClassesAndStackButNoneOfItsMessages");
    assertThat(logged.getCause()).isNotNull();
    assertThat(logged.getStackTrace()).isEqualTo(error.getStackTrace());
  }
}
