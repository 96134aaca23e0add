package id.go.jemberkab.platform.analytics.views;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.jemberkab.platform.contracts.analytics.ServiceRequestStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The service-request aggregate stays small however many requests its group resolves. */
class RequestGroupTest {

  private static final Instant SUBMITTED = Instant.parse("2026-01-05T01:00:00Z");

  @Test
  void anOpdsAllWeeksRowOfAHundredThousandResolutionsStaysFarBelowKafkasRecordLimit() {
    Random random = new Random(7);
    RequestGroup group = new RequestGroup();
    List<Double> hours = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      double h = random.nextDouble() * (i % 10 == 0 ? 3_000 : 99.9);
      hours.add(h);
      group.add(resolvedAfter(h));
    }
    byte[] stored = JsonSerde.JSON.writeValueAsBytes(group);
    assertThat(stored.length).as("bytes of the stored aggregate").isLessThan(64 * 1024);

    RequestGroup read = JsonSerde.JSON.readValue(stored, RequestGroup.class);
    ServiceRequestStats stats = read.toStats("opd", "DLH", "all", 5);
    hours.sort(Double::compare);
    // the median lies below 100 h, where buckets are as fine as the view: the same as over every resolution
    assertThat(stats.medianResolveHours()).isEqualTo(Math.round(hours.get(49_999) * 10) / 10.0);
    // the p90 lies in the tail, to the bucket of 1 h or 10 h
    assertThat(stats.p90ResolveHours()).isCloseTo(hours.get(89_999), org.assertj.core.data.Offset.offset(5.0));
  }

  @Test
  void aResolutionTakenBackLeavesNoTrace() {
    RequestGroup group = new RequestGroup();
    group.add(resolvedAfter(12.34));
    group.add(resolvedAfter(1_234.5));
    group.remove(resolvedAfter(12.34));
    group.remove(resolvedAfter(1_234.5));
    assertThat(group.resolveHourCounts).isEmpty();
    assertThat(group.toStats("opd", "DLH", "all", 5).medianResolveHours()).isNull();
  }

  @Test
  void anAggregateWrittenWithEveryResolutionListedReadsIntoTheCounts() {
    RequestGroup read = JsonSerde.JSON.readValue("""
        {"submitted":3,"open":0,"overdue":0,"resolved":3,"withinSla":3,"resolveHours":[1.04,2.0,30.0]}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8), RequestGroup.class);
    assertThat(read.resolveHourCounts).containsExactly(java.util.Map.entry(1.0, 1L), java.util.Map.entry(2.0, 1L),
        java.util.Map.entry(30.0, 1L));
    assertThat(read.toStats("opd", "DLH", "all", 5).medianResolveHours()).isEqualTo(2.0);
    assertThat(new String(JsonSerde.JSON.writeValueAsBytes(read), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("\"resolveHours\"");
  }

  private static RequestState resolvedAfter(double hours) {
    RequestState state = new RequestState();
    state.status = "resolved";
    state.submittedAt = SUBMITTED;
    state.resolvedAt = SUBMITTED.plus(Duration.ofMillis(Math.round(hours * 3_600_000)));
    state.withinSla = true;
    return state;
  }
}
