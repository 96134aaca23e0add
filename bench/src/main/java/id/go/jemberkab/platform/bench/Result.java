package id.go.jemberkab.platform.bench;

import java.util.Arrays;

/** Throughput and latency percentiles of one target over all measured rounds. */
record Result(String name, long requests, double throughputPerSecond, double p50Millis, double p90Millis,
    double p99Millis, double maxMillis, long errors) {

  static Result of(String name, long[] latencyNanos, long elapsedNanos, long errors) {
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    return new Result(name, sorted.length, sorted.length / (elapsedNanos / 1e9), percentile(sorted, 50),
        percentile(sorted, 90), percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        errors);
  }

  /** Nearest-rank percentile, in milliseconds. */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }
}
