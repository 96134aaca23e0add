package id.go.jemberkab.platform.analytics.views;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.jemberkab.platform.problems.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The views' answers: CSV a spreadsheet opens safely, CSV only when preferred, weeks that exist. */
class AnswerFormatsTest {

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaIsDefused() {
    assertThat(AnalyticsController.cell("=HYPERLINK(\"http://evil.example/\",\"klik\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"klik\"\")\"");
    for (String formula : List.of("+1+1", "-2+3", "@SUM(A1)", "\tx")) {
      assertThat(AnalyticsController.cell(formula)).as(formula).startsWith("'");
    }
    assertThat(AnalyticsController.cell(-3L)).as("a negative number stays a number").isEqualTo("-3");
    assertThat(AnalyticsController.cell("Kaliwates, Jember")).isEqualTo("\"Kaliwates, Jember\"");
    assertThat(AnalyticsController.cell(null)).isEmpty();
  }

  @Test
  void weeksThatExistOnly() {
    assertThat(AnalyticsController.isoWeek("2026-W48")).isTrue();
    assertThat(AnalyticsController.isoWeek("2026-W52")).isTrue();
    assertThat(AnalyticsController.isoWeek("2025-W53")).as("2025 has 52 ISO weeks").isFalse();
    assertThat(AnalyticsController.isoWeek("2026-W53")).as("2026 has 53: it began on a Thursday").isTrue();
    assertThat(AnalyticsController.isoWeek("2026-W00")).isFalse();
    assertThat(AnalyticsController.isoWeek("all")).isTrue();
  }

  @Test
  void csvOnlyWhenAskedForOrPreferred() {
    List<FieldError> errors = new ArrayList<>();
    assertThat(AnalyticsController.csv("csv", null, errors)).isTrue();
    assertThat(AnalyticsController.csv(null, "text/csv", errors)).isTrue();
    assertThat(AnalyticsController.csv(null, "text/csv;q=0.1, application/json", errors)).isFalse();
    assertThat(AnalyticsController.csv(null, "application/json;q=0.5, text/csv", errors)).isTrue();
    assertThat(AnalyticsController.csv(null, "*/*", errors)).isFalse();
    assertThat(AnalyticsController.csv(null, "text/csv;q=oops", errors)).isFalse();
    assertThat(errors).isEmpty();
  }
}
