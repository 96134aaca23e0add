package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.analytics.ServiceRequestStats;
import java.util.List;

/**
 * The service requests of one group (a service, OPD or kecamatan, in a week or in all weeks). Kafka Streams
 * subtracts a request's old state and adds its new one on every change, so each request counts once.
 */
final class RequestGroup {

  public long submitted;
  public long open;
  public long overdue;
  public long resolved;
  public long withinSla;
  /**
   * How many resolved requests took how long, in hours: to 0.1 h under 100 h, to the hour under 1,000 h, to 10 h
   * beyond; the median and p90 come from here. A few thousand entries at most however many requests a group
   * resolves: kept as a list of every resolution, an OPD's all-weeks row passed Kafka's 1 MB record limit at
   * about 50,000 resolved requests, and its changelog write then stopped every view.
   */
  public java.util.TreeMap<Double, Long> resolveHourCounts = new java.util.TreeMap<>();

  /** The former form, a sorted list of every resolution, as aggregates written before still hold it. */
  @com.fasterxml.jackson.annotation.JsonSetter("resolveHours")
  void formerResolveHours(List<Double> hours) {
    if (hours != null) {
      hours.forEach(h -> resolveHourCounts.merge(bucket(h), 1L, Long::sum));
    }
  }

  /** A resolution's bucket: below 100 h to 0.1 h (as the view shows them), then to 1 h, from 1,000 h to 10 h. */
  static double bucket(double hours) {
    if (hours < 100) {
      return Math.round(hours * 10) / 10.0;
    }
    return hours < 1_000 ? (double) Math.round(hours) : Math.round(hours / 10) * 10.0;
  }

  RequestGroup add(RequestState r) {
    return change(r, 1);
  }

  RequestGroup remove(RequestState r) {
    return change(r, -1);
  }

  private RequestGroup change(RequestState r, int sign) {
    submitted += sign;
    open += r.open() ? sign : 0;
    overdue += r.open() && r.overdue ? sign : 0;
    resolved += r.resolved() ? sign : 0;
    withinSla += r.resolved() && Boolean.TRUE.equals(r.withinSla) ? sign : 0;
    Double hours = r.resolveHours();
    if (hours != null) {
      // a count that reaches 0 leaves the map
      resolveHourCounts.merge(bucket(hours), (long) sign, (a, b) -> a + b == 0 ? null : a + b);
    }
    return this;
  }

  /** The view row; a kecamatan with fewer than {@code k} requests shows no counts. */
  ServiceRequestStats toStats(String dimension, String key, String week, int k) {
    if ("kecamatan".equals(dimension) && submitted < k) {
      return new ServiceRequestStats(dimension, key, week, null, null, null, null, null, null, null, null, true);
    }
    Double share = resolved == 0 ? null : Math.round(1000.0 * withinSla / resolved) / 1000.0;
    return new ServiceRequestStats(dimension, key, week, submitted, open, overdue, resolved, withinSla, share,
        percentile(0.5), percentile(0.9), false);
  }

  /** Nearest-rank percentile, rounded to 0.1 h; null without resolutions. */
  private Double percentile(double p) {
    long count = resolveHourCounts.values().stream().mapToLong(Long::longValue).sum();
    if (count <= 0) {
      return null;
    }
    long rank = Math.max((long) Math.ceil(p * count), 1);
    long seen = 0;
    for (var bucket : resolveHourCounts.entrySet()) {
      seen += bucket.getValue();
      if (seen >= rank) {
        return Math.round(bucket.getKey() * 10) / 10.0;
      }
    }
    return Math.round(resolveHourCounts.lastKey() * 10) / 10.0;
  }
}
