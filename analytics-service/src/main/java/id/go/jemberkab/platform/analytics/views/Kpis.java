package id.go.jemberkab.platform.analytics.views;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The regency's figures as Prometheus gauges, with low-cardinality labels only: followers per channel;
 * open and overdue requests and SLA share per OPD; seats and registrations summed over all events.
 * Loaded from the read model at start, kept current by every row it writes.
 */
class Kpis {

  private record Requests(double open, double overdue, double slaShare) {
  }

  private record Seats(double capacity, double confirmed, double waitlisted, double checkedIn) {
  }

  private final MeterRegistry meters;
  private final Map<String, Double> followers = new ConcurrentHashMap<>();
  private final Map<String, String> followerDays = new ConcurrentHashMap<>();
  private final Map<String, Requests> requests = new ConcurrentHashMap<>();
  private final Map<String, Seats> seats = new ConcurrentHashMap<>();

  Kpis(MeterRegistry meters) {
    this.meters = meters;
    for (String kind : new String[] {"capacity", "confirmed", "waitlisted", "checked_in"}) {
      Gauge.builder("analytics.registration.seats", seats, s -> s.values().stream().mapToDouble(x -> switch (kind) {
        case "capacity" -> x.capacity();
        case "confirmed" -> x.confirmed();
        case "waitlisted" -> x.waitlisted();
        default -> x.checkedIn();
      }).sum()).tag("kind", kind).description("Seats and registrations, summed over all events").register(meters);
    }
  }

  void load(MongoTemplate mongo) {
    mongo.findAll(Document.class, ReadModel.View.FOLLOWERS.collection()).forEach(d -> update(ReadModel.View.FOLLOWERS, d));
    mongo.find(Query.query(Criteria.where("dimension").is("opd").and("week").is("all")), Document.class,
        ReadModel.View.SERVICE_REQUESTS.collection()).forEach(d -> update(ReadModel.View.SERVICE_REQUESTS, d));
    mongo.findAll(Document.class, ReadModel.View.REGISTRATION_FUNNEL.collection())
        .forEach(d -> update(ReadModel.View.REGISTRATION_FUNNEL, d));
  }

  void update(ReadModel.View view, Document row) {
    switch (view) {
      case FOLLOWERS -> {
        String channel = row.getString("channel");
        String day = row.getString("day");
        if (day == null || day.compareTo(followerDays.getOrDefault(channel, "")) < 0) {
          return; // an older day's row (a catch-up, a late measurement): the gauge shows the latest day
        }
        followerDays.put(channel, day);
        if (followers.put(channel, number(row, "followers")) == null) {
          Gauge.builder("analytics.channel.followers", followers, f -> f.getOrDefault(channel, 0.0))
              .tag("channel", channel).description("Followers of the regency's account").register(meters);
        }
      }
      case SERVICE_REQUESTS -> {
        if (!"opd".equals(row.getString("dimension")) || !"all".equals(row.getString("week"))) {
          return;
        }
        String opd = row.getString("key");
        Requests now = new Requests(number(row, "open"), number(row, "overdue"),
            row.get("slaShare") == null ? Double.NaN : number(row, "slaShare"));
        if (requests.put(opd, now) == null) {
          Gauge.builder("analytics.service.requests.open", requests, r -> value(r, opd).open()).tag("opd", opd)
              .description("Service requests not yet resolved").register(meters);
          Gauge.builder("analytics.service.requests.overdue", requests, r -> value(r, opd).overdue()).tag("opd", opd)
              .description("Open service requests past their SLA").register(meters);
          Gauge.builder("analytics.service.requests.sla.share", requests, r -> value(r, opd).slaShare())
              .tag("opd", opd).description("Resolved within the SLA / resolved").register(meters);
        }
      }
      case REGISTRATION_FUNNEL -> seats.put(row.getString("eventId"), new Seats(number(row, "capacity"),
          number(row, "confirmed"), number(row, "waitlisted"), number(row, "checkedIn")));
      default -> {
      }
    }
  }

  void clear() {
    followers.replaceAll((k, v) -> 0.0);
    followerDays.clear();
    requests.replaceAll((k, v) -> new Requests(0, 0, Double.NaN));
    seats.clear();
  }

  private static Requests value(Map<String, Requests> all, String opd) {
    return all.getOrDefault(opd, new Requests(0, 0, Double.NaN));
  }

  private static double number(Document row, String field) {
    Object v = row.get(field);
    return v instanceof Number n ? n.doubleValue() : 0.0;
  }
}
