package id.go.jemberkab.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A working day in small, through the gateway, so the dashboards have something to show: department
 * systems register citizens across Jember's desa (some twice, some with broken forms), read them back,
 * look up region codes and the registration figures, and now and then ask for a path that does not
 * exist. Every fifth request the regency moves too ({@link RegencyDay}): a webinar surge, service requests
 * through their lifecycle, engagement across the channels. Bounded in count and time; paced, not a load test.
 *
 * <pre>
 *   ./platform demo [--requests 600] [--seconds 120] [--rate 20]
 * </pre>
 * Exits 3 when the platform answered any 5xx.
 */
public final class Demo {

  private static final Pattern DESA = Pattern.compile("\"code\":\"(35\\.09\\.(\\d{2})\\.\\d{4})\"");
  private static final Pattern LOCATION = Pattern.compile("/api/v1/citizens/[0-9a-f-]+");

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String gateway;
  private final Random random;
  private final Map<String, Integer> answers = new TreeMap<>();
  private final List<String> registered = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();
  private List<String> desa = List.of();
  private RegencyDay regency;
  private int serial;
  private int steps;

  Demo(String gateway, long seed) {
    this.gateway = gateway;
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = Bench.options(args);
    Bench.apiKey = options.getOrDefault("api-key", Bench.apiKey);
    String gateway = options.getOrDefault("gateway", "http://127.0.0.1:8080");
    int requests = Integer.parseInt(options.getOrDefault("requests", "600"));
    Duration limit = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "120")));
    int rate = Integer.parseInt(options.getOrDefault("rate", "20"));
    Demo demo = new Demo(gateway, System.nanoTime());
    demo.regency = new RegencyDay(demo.random, new RegencyDay.Calls() {
      @Override
      public HttpResponse<String> post(String path, String json) throws Exception {
        return demo.post(path, json);
      }

      @Override
      public void count(String call, HttpResponse<String> response) {
        demo.count(call, response);
      }
    });
    int sent;
    demo.regency.start(note -> System.out.println("demo: " + note));
    sent = demo.run(requests, limit, rate);
    System.out.printf(Locale.ROOT, "demo: %d requests through %s%n", sent, gateway);
    demo.answers.forEach((call, count) -> System.out.printf(Locale.ROOT, "  %-44s %5d%n", call, count));
    if (demo.answers.keySet().stream().anyMatch(call -> call.endsWith(" 5xx"))) {
      System.exit(3);
    }
  }

  int run(int requests, Duration limit, int perSecond) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    long interval = 1_000_000_000L / Math.max(1, perSecond);
    desa = villages();
    int sent = 0;
    long next = System.nanoTime();
    while (sent < requests && System.nanoTime() < deadline) {
      step();
      sent++;
      if (regency != null && sent % 5 == 0) {
        regency.step();
      }
      next += interval;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    return sent;
  }

  private void step() throws Exception {
    // every fiftieth call asks for a path no route serves, so even a short demo shows the gateway's 404s
    // (a 2 % chance per call left a 200-call demo without one about once in 25 runs)
    if (++steps % 50 == 0) {
      count("GET /api/v1/no-such-thing", get("/api/v1/no-such-thing"));
      return;
    }
    int dice = random.nextInt(100);
    if (dice < 30 || registered.isEmpty()) {
      String body = citizen();
      HttpResponse<String> response = post("/api/v1/citizens", body);
      Matcher location = LOCATION.matcher(response.headers().firstValue("Location").orElse(""));
      if (location.find()) {
        registered.add(location.group());
        bodies.add(body);
      }
      count("POST /api/v1/citizens", response);
    } else if (dice < 34) {
      count("POST /api/v1/citizens (again)", post("/api/v1/citizens", bodies.get(random.nextInt(bodies.size()))));
    } else if (dice < 37) {
      count("POST /api/v1/citizens (broken form)", post("/api/v1/citizens",
          "{\"nik\":\"12345\",\"name\":\"\",\"birthDate\":\"1990-02-30\",\"sex\":\"X\",\"desaCode\":\"35.09.99.9999\"}"));
    } else if (dice < 72) {
      count("GET /api/v1/citizens/{id}", get(registered.get(random.nextInt(registered.size()))));
    } else if (dice < 82) {
      count("GET /api/v1/regions", get(random.nextBoolean() ? "/api/v1/regions"
          : "/api/v1/regions?level=desa&kecamatan=35.09." + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(31))));
    } else if (dice < 96) {
      count("GET /api/v1/analytics/citizen-registrations", get("/api/v1/analytics/citizen-registrations?groupBy="
          + (random.nextBoolean() ? "kecamatan" : "desa")));
    } else {
      count("GET /api/v1/content?type=news", get("/api/v1/content?type=news"));
    }
  }

  /** A registration that passes every NIK rule, first registered in the kecamatan of its desa. */
  String citizen() {
    String village = desa.get(random.nextInt(desa.size()));
    String kecamatan = village.substring(6, 8);
    LocalDate born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
    boolean female = random.nextBoolean();
    serial = serial % 9999 + 1;
    String nik = String.format(Locale.ROOT, "3509%s%02d%02d%02d%04d", kecamatan,
        born.getDayOfMonth() + (female ? 40 : 0), born.getMonthValue(), born.getYear() % 100,
        (serial + random.nextInt(9000)) % 9999 + 1);
    return String.format(Locale.ROOT, "{\"nik\":\"%s\",\"name\":\"Warga Demo\",\"birthDate\":\"%s\","
        + "\"sex\":\"%s\",\"desaCode\":\"%s\"}", nik, born, female ? "FEMALE" : "MALE", village);
  }

  /** The official desa/kelurahan codes, from the platform itself. */
  private List<String> villages() throws Exception {
    HttpResponse<String> response = get("/api/v1/regions?level=desa");
    List<String> codes = new ArrayList<>();
    Matcher matcher = DESA.matcher(response.body());
    while (matcher.find()) {
      codes.add(matcher.group(1));
    }
    if (codes.isEmpty()) {
      throw new IllegalStateException("no desa codes from " + gateway + ": HTTP " + response.statusCode());
    }
    return codes;
  }

  void useVillages(List<String> codes) {
    desa = List.copyOf(codes);
  }

  private void count(String call, HttpResponse<String> response) {
    answers.merge(call + " " + (response.statusCode() >= 500 ? "5xx" : response.statusCode()), 1, Integer::sum);
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return client.send(Bench.request(URI.create(gateway + path)).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(Bench.request(URI.create(gateway + path)).timeout(Duration.ofSeconds(15)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
