package id.go.jemberkab.platform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a scenario against the running platform and reports throughput and latency percentiles next to a
 * baseline measured in the same run, alternating rounds so both see the same machine state.
 *
 * <pre>
 *   ./platform bench [--scenario citizen-read] [--requests 20000] [--concurrency 16] [--rounds 3]
 * </pre>
 * Scenario {@code citizen-read}: GET one citizen by id from citizen-service directly (baseline) and
 * through the gateway. Target: the gateway keeps at least 60 % of the direct throughput.
 */
public final class Bench {

  static final double GATEWAY_TARGET = 0.60;

  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String gateway = options.getOrDefault("gateway", "http://127.0.0.1:8080");
    String citizen = options.getOrDefault("citizen", "http://127.0.0.1:8081");
    int requests = Integer.parseInt(options.getOrDefault("requests", "20000"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    String scenario = options.getOrDefault("scenario", "citizen-read");
    if (!scenario.equals("citizen-read")) {
      throw new IllegalArgumentException("unknown scenario '" + scenario + "'; known: citizen-read");
    }

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    String path = createCitizen(client, gateway);
    System.out.printf(Locale.ROOT, "scenario citizen-read: GET %s, %d requests x %d rounds, concurrency %d%n",
        path, requests, rounds, concurrency);

    LoadRun direct = new LoadRun("direct (baseline)", URI.create(citizen + path), client, concurrency);
    LoadRun viaGateway = new LoadRun("through gateway", URI.create(gateway + path), client, concurrency);
    direct.warmUp(Math.max(500, requests / 10));
    viaGateway.warmUp(Math.max(500, requests / 10));
    for (int round = 1; round <= rounds; round++) {
      LoadRun first = round % 2 == 1 ? direct : viaGateway;
      LoadRun second = first == direct ? viaGateway : direct;
      first.measure(requests);
      second.measure(requests);
      System.out.printf(Locale.ROOT, "  round %d done%n", round);
    }

    Report report = new Report(direct.result(), viaGateway.result(), GATEWAY_TARGET);
    System.out.print(report.table());
    if (report.baseline().errors() > 0 || report.candidate().errors() > 0) {
      System.exit(3);
    }
  }

  /** Registers a citizen through the gateway and returns its path, {@code /api/v1/citizens/{id}}. */
  static String createCitizen(HttpClient client, String gateway) throws IOException, InterruptedException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    LocalDate born = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(365 * 40));
    String nik = String.format(Locale.ROOT, "350919%02d%02d%02d%04d", born.getDayOfMonth(), born.getMonthValue(),
        born.getYear() % 100, random.nextInt(1, 10_000));
    String body = String.format(Locale.ROOT, "{\"nik\":\"%s\",\"name\":\"Peserta Bench\",\"birthDate\":\"%s\","
        + "\"sex\":\"MALE\",\"desaCode\":\"35.09.19.1001\"}", nik, born);
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/citizens"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher location = Pattern.compile("/api/v1/citizens/[0-9a-f-]+")
        .matcher(response.headers().firstValue("Location").orElse(""));
    if (response.statusCode() != 201 || !location.find()) {
      throw new IllegalStateException("could not create the benchmark citizen: HTTP " + response.statusCode()
          + " " + response.body());
    }
    return location.group();
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String name = rest.remove(0);
      if (!name.startsWith("--") || rest.isEmpty()) {
        throw new IllegalArgumentException("expected --option value, got '" + name + "'");
      }
      options.put(name.substring(2), rest.remove(0));
    }
    return options;
  }
}
