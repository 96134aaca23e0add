package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestOverdue;
import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestStatusChanged;
import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestSubmitted;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * One service request as far as its events have told: where it belongs and how far it got. A status only
 * moves forward, so a late or repeated event never takes a request back.
 */
final class RequestState {

  static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
  private static final List<String> ORDER = List.of("submitted", "accepted", "in_progress", "resolved", "closed");

  public String serviceCode;
  public String opd;
  public String kecamatanCode;
  public Instant submittedAt;
  public String status = "submitted";
  public boolean overdue;
  public Instant resolvedAt;
  public Boolean withinSla;

  RequestState apply(Event event) {
    switch (event.type()) {
      case SERVICE_REQUEST_SUBMITTED -> {
        ServiceRequestSubmitted s = event.as(ServiceRequestSubmitted.class);
        place(s.serviceCode(), s.opd(), s.kecamatanCode(), s.submittedAt());
      }
      case SERVICE_REQUEST_STATUS_CHANGED -> {
        ServiceRequestStatusChanged c = event.as(ServiceRequestStatusChanged.class);
        place(c.serviceCode(), c.opd(), c.kecamatanCode(), c.submittedAt());
        if (rank(c.to()) > rank(status)) {
          status = c.to();
          if (("resolved".equals(c.to()) || "closed".equals(c.to())) && resolvedAt == null) {
            resolvedAt = c.changedAt();
            withinSla = c.withinSla();
          }
        }
      }
      case SERVICE_REQUEST_OVERDUE -> {
        ServiceRequestOverdue o = event.as(ServiceRequestOverdue.class);
        place(o.serviceCode(), o.opd(), o.kecamatanCode(), null);
        overdue = true;
      }
      default -> throw new IllegalArgumentException("not a service-request event: " + event.type());
    }
    return this;
  }

  private void place(String service, String department, String kecamatan, Instant submitted) {
    serviceCode = service;
    opd = department;
    kecamatanCode = kecamatan != null ? kecamatan : kecamatanCode;
    submittedAt = submitted != null ? submitted : submittedAt;
  }

  /** rejected ends a request like closed does; anything unknown ranks lowest. */
  private static int rank(String status) {
    return "rejected".equals(status) ? ORDER.size() : ORDER.indexOf(status);
  }

  boolean open() {
    return rank(status) < ORDER.indexOf("resolved");
  }

  boolean resolved() {
    return resolvedAt != null;
  }

  Double resolveHours() {
    return resolvedAt == null || submittedAt == null ? null
        : (resolvedAt.toEpochMilli() - submittedAt.toEpochMilli()) / 3_600_000.0;
  }

  String key(String dimension) {
    String key = switch (dimension) {
      case "service" -> serviceCode;
      case "opd" -> opd;
      case "kecamatan" -> kecamatanCode;
      default -> throw new IllegalArgumentException(dimension);
    };
    return key == null ? "unknown" : key;
  }

  /** The ISO week of submission in Jember's time zone, e.g. {@code 2026-W48}. */
  String week() {
    if (submittedAt == null) {
      return "unknown";
    }
    var date = submittedAt.atZone(JAKARTA);
    return String.format(Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
        date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
