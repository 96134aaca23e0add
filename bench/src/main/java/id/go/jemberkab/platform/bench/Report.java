package id.go.jemberkab.platform.bench;

import java.util.Locale;

/** The candidate next to its baseline, the ratio of their throughputs and whether it meets the target. */
record Report(Result baseline, Result candidate, double target) {

  double ratio() {
    return baseline.throughputPerSecond() == 0 ? 0 : candidate.throughputPerSecond() / baseline.throughputPerSecond();
  }

  boolean meetsTarget() {
    return ratio() >= target;
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-20s %9s %10s %8s %8s %8s %8s %7s%n",
        "target", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"));
    for (Result r : new Result[] {baseline, candidate}) {
      out.append(String.format(Locale.ROOT, "%-20s %9d %10.0f %8.2f %8.2f %8.2f %8.2f %7d%n", r.name(),
          r.requests(), r.throughputPerSecond(), r.p50Millis(), r.p90Millis(), r.p99Millis(), r.maxMillis(),
          r.errors()));
    }
    out.append(String.format(Locale.ROOT, "%s / %s throughput: %.1f %% (target >= %.0f %%): %s%n",
        candidate.name(), baseline.name(), ratio() * 100, target * 100, meetsTarget() ? "MET" : "NOT MET"));
    return out.toString();
  }
}
