package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.analytics.ServiceRequestStats;
import java.util.ArrayList;
import java.util.Collections;
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
  /** Hours to resolve of every resolved request, sorted: the median and p90 come from here. */
  public List<Double> resolveHours = new ArrayList<>();

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
      int at = Collections.binarySearch(resolveHours, hours);
      if (sign > 0) {
        resolveHours.add(at >= 0 ? at : -at - 1, hours);
      } else if (at >= 0) {
        resolveHours.remove(at);
      }
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
    if (resolveHours.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p * resolveHours.size());
    return Math.round(resolveHours.get(Math.max(rank, 1) - 1) * 10) / 10.0;
  }
}
