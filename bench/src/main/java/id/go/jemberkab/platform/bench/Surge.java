package id.go.jemberkab.platform.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The webinar surge through the gateway: everyone registers at once; count what each got. */
final class Surge {

  private Surge() {
  }

  static boolean run(Bench.Target target, int capacity, int registrants, int concurrency) throws Exception {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
    String event = String.format(Locale.ROOT, "{\"title\":\"Bench webinar\",\"capacity\":%d,"
        + "\"overflowUrl\":\"https://www.youtube.com/@pemkabjember/live\",\"opensAt\":\"%s\",\"closesAt\":\"%s\","
        + "\"startsAt\":\"%s\",\"endsAt\":\"%s\"}", capacity, now.minusHours(1), now.plusDays(1), now.plusDays(1),
        now.plusDays(1).plusHours(2));
    HttpResponse<String> created = target.client().send(post(target.gateway() + "/api/v1/events", event),
        HttpResponse.BodyHandlers.ofString());
    Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]+)\"").matcher(created.body());
    if (created.statusCode() != 201 || !id.find()) {
      throw new IllegalStateException("could not create the event: " + created.statusCode() + " " + created.body());
    }
    String url = target.gateway() + "/api/v1/events/" + id.group(1) + "/registrations";
    System.out.printf(Locale.ROOT, "scenario surge: %d registrations for %d seats through the gateway, %d at once%n",
        registrants, capacity, concurrency);
    long[] latencies = new long[registrants];
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<String>> calls = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < registrants; i++) {
      int n = i;
      calls.add(pool.submit(() -> {
        String body = "{\"name\":\"Peserta Bench\",\"email\":\"bench" + n + "-" + started + "@example.id\"}";
        long t0 = System.nanoTime();
        HttpResponse<String> response = target.client().send(post(url, body), HttpResponse.BodyHandlers.ofString());
        latencies[n] = System.nanoTime() - t0;
        if (response.statusCode() >= 500) {
          return "5xx";
        }
        Matcher status = Pattern.compile("\"status\":\"([a-z_]+)\"").matcher(response.body());
        return response.statusCode() == 201 && status.find() ? status.group(1) : "http-" + response.statusCode();
      }));
    }
    int confirmed = 0;
    int waitlisted = 0;
    int other = 0;
    for (Future<String> call : calls) {
      switch (call.get()) {
        case "confirmed" -> confirmed++;
        case "waitlisted" -> waitlisted++;
        default -> other++;
      }
    }
    long elapsed = System.nanoTime() - started;
    pool.shutdown();
    Result result = Result.of("surge registrations", latencies, elapsed, other);
    System.out.printf(Locale.ROOT, "%d confirmed, %d waitlisted, %d other (5xx or errors); oversold: %s%n",
        confirmed, waitlisted, other, confirmed > capacity ? "YES" : "no");
    System.out.printf(Locale.ROOT, "%.0f registrations/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        result.throughputPerSecond(), result.p50Millis(), result.p99Millis(), result.maxMillis());
    return confirmed == Math.min(capacity, registrants) && other == 0;
  }

  private static HttpRequest post(String url, String body) {
    return Bench.request(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
