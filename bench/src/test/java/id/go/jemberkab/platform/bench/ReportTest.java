package id.go.jemberkab.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void takesNearestRankPercentiles() {
    long[] millis = new long[100];
    for (int i = 0; i < 100; i++) {
      millis[i] = (i + 1) * 1_000_000L;
    }
    assertThat(Result.percentile(millis, 50)).isEqualTo(50.0);
    assertThat(Result.percentile(millis, 99)).isEqualTo(99.0);
    assertThat(Result.percentile(new long[] {7_000_000L}, 99)).isEqualTo(7.0);
  }

  @Test
  void comparesThroughputWithTheBaselineOfTheSameRun() {
    Result direct = Result.of("direct", new long[] {1_000_000L, 2_000_000L}, 1_000_000_000L, 0);
    Result gateway = Result.of("gateway", new long[] {3_000_000L}, 1_000_000_000L, 0);
    Report report = new Report(direct, gateway, 0.60);
    assertThat(report.ratio()).isEqualTo(0.5);
    assertThat(report.meetsTarget()).isFalse();
    assertThat(report.table()).contains("50.0 %").contains("NOT MET");
  }
}
