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
 * Runs a scenario against the running platform and reports throughput and latency percentiles, next to a
 * baseline measured in the same run where the scenario has one.
 *
 * <pre>
 *   ./platform bench [--scenario citizen-read|nik-lookup|surge|import|freshness|intake|content-read] [--requests N] [--concurrency C]
 *                    [--rounds R] [--rows N]
 * </pre>
 * <ul>
 *   <li>{@code citizen-read}: GET a citizen by id, directly (baseline) and through the gateway; target: the
 *       gateway keeps at least 60 % of the direct throughput.</li>
 *   <li>{@code nik-lookup}: POST /api/v1/citizens/lookup with a NIK, directly and through the gateway.</li>
 *   <li>{@code surge}: 2,000 simultaneous registrations for a 1,000-seat event through the gateway.</li>
 *   <li>{@code import}: a CSV of {@code --rows} synthetic citizens (default 2,615,874, Jember's population)
 *       imported through citizen-service, and the time until every CitizenRegistered event is on Kafka.</li>
 * </ul>
 */
public final class Bench {

  static final double GATEWAY_TARGET = 0.60;

  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    apiKey = options.getOrDefault("api-key", apiKey);
    Target target = new Target(options.getOrDefault("gateway", "http://127.0.0.1:8080"),
        options.getOrDefault("citizen", "http://127.0.0.1:8081"),
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
    int requests = Integer.parseInt(options.getOrDefault("requests", "20000"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    String scenario = options.getOrDefault("scenario", "citizen-read");
    boolean ok = switch (scenario) {
      case "citizen-read" -> {
        String path = createCitizen(target, null);
        System.out.printf(Locale.ROOT, "scenario citizen-read: GET %s, %d requests x %d rounds, concurrency %d%n",
            path, requests, rounds, concurrency);
        yield compare(new LoadRun("direct (baseline)", URI.create(target.citizen() + path), target.client(),
            concurrency, target.compilers(target.citizen())), new LoadRun("through gateway",
            URI.create(target.gateway() + path), target.client(), concurrency,
            target.compilers(target.gateway(), target.citizen())), requests, rounds, GATEWAY_TARGET);
      }
      case "nik-lookup" -> {
        String nik = nik(LocalDate.of(1975, 5, 5), 7);
        createCitizen(target, nik);
        System.out.printf(Locale.ROOT, "scenario nik-lookup: POST /api/v1/citizens/lookup, %d requests x %d rounds, "
            + "concurrency %d%n", requests, rounds, concurrency);
        String body = "{\"nik\":\"" + nik + "\"}";
        yield compare(new LoadRun("direct (baseline)", lookup(target.citizen(), body), target.client(), concurrency,
            target.compilers(target.citizen())), new LoadRun("through gateway", lookup(target.gateway(), body),
            target.client(), concurrency, target.compilers(target.gateway(), target.citizen())), requests, rounds,
            GATEWAY_TARGET);
      }
      case "surge" -> Surge.run(target, Integer.parseInt(options.getOrDefault("capacity", "1000")),
          Integer.parseInt(options.getOrDefault("registrants", "2000")), Math.max(concurrency, 64));
      case "import" -> Import.run(target, Integer.parseInt(options.getOrDefault("rows", "2615874")));
      case "freshness" -> Freshness.run(target, options.getOrDefault("bootstrap", "127.0.0.1:9092"),
          options.getOrDefault("poll-key", apiKey), Integer.parseInt(options.getOrDefault("events", "300")));
      case "intake" -> Intake.run(target, options.getOrDefault("content", "http://127.0.0.1:8082"),
          options.getOrDefault("bootstrap", "127.0.0.1:9092"), options.getOrDefault("poll-key", apiKey),
          Integer.parseInt(options.getOrDefault("events", "30000")), Integer.parseInt(options.getOrDefault("batch", "100")),
          Math.min(concurrency, 8), rounds);
      case "content-read" -> ContentRead.run(target, options.getOrDefault("content", "http://127.0.0.1:8082"),
          Integer.parseInt(options.getOrDefault("items", "200")), requests, rounds, concurrency);
      default -> throw new IllegalArgumentException("unknown scenario '" + scenario
          + "'; known: citizen-read, nik-lookup, surge, import, freshness, intake, content-read");
    };
    if (!ok) {
      System.exit(3);
    }
  }

  /** Where the platform answers, and one client for the whole run. */
  record Target(String gateway, String citizen, HttpClient client) {

    /** The compilers of the processes a call passes, by their base addresses. */
    Compilers compilers(String... processes) {
      return new Compilers(List.of(processes), client);
    }
  }

  /**
   * The API key every call carries ({@code --api-key}, else {@code $PLATFORM_API_KEY}): the gateway wants one,
   * the services ignore it, so the direct baseline sends the same bytes. {@code ./platform bench} and
   * {@code ./platform demo} pass a demo client's key.
   */
  static volatile String apiKey = System.getenv("PLATFORM_API_KEY");

  static HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
    return apiKey == null || apiKey.isBlank() ? builder : builder.header("X-API-Key", apiKey);
  }

  /** One unmeasured chunk of a warm-up: runs it and answers its rate (requests or events per second). */
  interface Chunk {
    double run() throws Exception;
  }

  /**
   * Runs chunks, unmeasured, until the target is warm: two chunks in a row no more than 5 % faster than the best
   * before them, and the last chunk with the target's compilers busy for at most {@link #JIT_QUIET} of its time;
   * or {@code maxChunks}. Each chunk is reported, as a warm-up can take a minute or two.
   */
  static void warmUp(String name, String unit, int chunkSize, int maxChunks, Compilers compilers, Chunk chunk)
      throws Exception {
    double best = 0;
    int flat = 0;
    int chunks = 0;
    double busy = 1;
    long compiled = compilers.millis();
    if (compiled < 0) {
      System.out.printf(Locale.ROOT, "  warm-up %s: the compile time of %s is not readable; warming by rate only%n",
          name, compilers.processes());
    }
    while (chunks < maxChunks && (flat < 2 || (compiled >= 0 && busy > JIT_QUIET))) {
      long started = System.nanoTime();
      double rate = chunk.run();
      double elapsedMs = (System.nanoTime() - started) / 1e6;
      chunks++;
      flat = rate > best * 1.05 ? 0 : flat + 1;
      best = Math.max(best, rate);
      if (compiled >= 0) {
        long now = compilers.millis();
        busy = now < 0 ? 0 : (now - compiled) / elapsedMs;
        compiled = now;
        System.out.printf(Locale.ROOT, "  warm-up %s: %.0f %s/s, compilers busy %.0f %% of the chunk%n", name, rate,
            unit, 100 * busy);
      }
    }
    System.out.printf(Locale.ROOT, "  warm-up %s: %d %s, best %.0f %s/s%s, not measured%n", name,
        chunks * chunkSize, unit, best, unit, busy > JIT_QUIET && compiled >= 0
            ? String.format(Locale.ROOT, "; compilers still %.0f %% busy after %d chunks", 100 * busy, chunks) : "");
  }

  /**
   * Compile time per chunk time below which a target counts as compiled: the last few cold paths, not its hot one.
   * The JVM counts compile time on the wall clock, and on a machine the load keeps busy a compile also waits for a
   * core, so this is more than the compilers' share of the CPU.
   */
  static final double JIT_QUIET = 0.10;

  /** Alternates rounds of the baseline and the candidate, then prints both and their ratio. */
  static boolean compare(LoadRun baseline, LoadRun candidate, int requests, int rounds, double target)
      throws Exception {
    int chunk = Math.max(100, requests / 5);
    baseline.warmUp(chunk, 40);
    candidate.warmUp(chunk, 40);
    for (int round = 1; round <= rounds; round++) {
      LoadRun first = round % 2 == 1 ? baseline : candidate;
      LoadRun second = first == baseline ? candidate : baseline;
      first.measure(requests);
      second.measure(requests);
      System.out.printf(Locale.ROOT, "  round %d done%n", round);
    }
    Report report = new Report(baseline.result(), candidate.result(), target);
    System.out.print(report.table());
    return report.baseline().errors() == 0 && report.candidate().errors() == 0;
  }

  private static HttpRequest lookup(String base, String body) {
    return Bench.request(URI.create(base + "/api/v1/citizens/lookup")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** A valid Jember NIK (Kaliwates) for a man born on {@code born} with {@code serial}. */
  static String nik(LocalDate born, int serial) {
    return String.format(Locale.ROOT, "350919%02d%02d%02d%04d", born.getDayOfMonth(), born.getMonthValue(),
        born.getYear() % 100, serial);
  }

  /**
   * Registers a citizen through the gateway (a random one when {@code nik} is null; an existing NIK is
   * fine) and returns its path, {@code /api/v1/citizens/{id}}.
   */
  static String createCitizen(Target target, String nik) throws IOException, InterruptedException {
    LocalDate born = LocalDate.of(1975, 5, 5);
    if (nik == null) {
      born = LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(365 * 40));
      nik = nik(born, ThreadLocalRandom.current().nextInt(1, 10_000));
    }
    String body = String.format(Locale.ROOT, "{\"nik\":\"%s\",\"name\":\"Peserta Bench\",\"birthDate\":\"%s\","
        + "\"sex\":\"MALE\",\"desaCode\":\"35.09.19.1001\"}", nik, born);
    HttpResponse<String> response = target.client().send(Bench.request(URI.create(target.gateway()
        + "/api/v1/citizens")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher location = Pattern.compile("/api/v1/citizens/[0-9a-f-]+")
        .matcher(response.headers().firstValue("Location").orElse(""));
    if (response.statusCode() == 409) {
      return null;
    }
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
