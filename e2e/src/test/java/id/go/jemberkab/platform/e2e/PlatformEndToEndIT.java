package id.go.jemberkab.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's first command as a new user runs it: {@code ./platform up} starts the packaged platform
 * (its own ports and state folder), the foundation's flow runs through the gateway, and
 * {@code ./platform down} stops everything it started.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<String, String> env = new LinkedHashMap<>();
  private static String gateway;

  @BeforeAll
  static void up() throws Exception {
    for (String port : List.of("GATEWAY_PORT", "CITIZEN_PORT", "CONTENT_PORT", "ANALYTICS_PORT", "KAFKA_PORT",
        "KAFKA_CONTROLLER_PORT", "MONGO_PORT", "PROMETHEUS_PORT")) {
      env.put(port, Integer.toString(freePort()));
    }
    env.put("PROMETHEUS_SCRAPE_INTERVAL", "1s");
    Path home = ROOT.resolve("e2e/target/platform");
    if (Files.exists(home)) { // the test's own state: a run that stopped half-way leaves a registry behind
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    env.put("PLATFORM_HOME", home.toString());
    gateway = "http://127.0.0.1:" + env.get("GATEWAY_PORT");

    Run up = platform("up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output()).contains("the platform is up").contains("31 kecamatan, 248 desa/kelurahan");
  }

  @AfterAll
  static void down() throws Exception {
    Run down = platform("down");
    assertThat(down.exitCode()).as(down.output()).isZero();
    for (String port : List.of("GATEWAY_PORT", "CITIZEN_PORT", "KAFKA_PORT", "MONGO_PORT", "PROMETHEUS_PORT")) {
      assertThat(listening(Integer.parseInt(env.get(port)))).as("%s closed after down", port).isFalse();
    }
  }

  @Test
  @Order(1)
  void registrationTravelsFromTheGatewayThroughKafkaToAnalytics() throws Exception {
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/citizens/x"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("no credentials, no registry").isEqualTo(401);
    Run key = platform("key", "dukcapil");
    assertThat(key.exitCode()).isZero();
    assertThat(key.output().strip()).startsWith("jip_");

    HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/citizens"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"nik":"3509191708900001","name":"Budi Santoso","birthDate":"1990-08-17","sex":"MALE",\
            "desaCode":"35.09.19.1001","phone":"+6281234567890"}""")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location").orElseThrow())
        .startsWith("/api/v1/citizens/").doesNotContain("3509191708900001");

    HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/citizens"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"nik":"3509191708900001","name":"Budi Santoso","birthDate":"1990-08-17","sex":"MALE",\
            "desaCode":"35.09.19.1001"}""")));
    assertThat(again.statusCode()).isEqualTo(409);

    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      JsonNode view = JSON.readTree(get("/api/v1/analytics/citizen-registrations?groupBy=kecamatan").body());
      assertThat(view.path("groupBy").asString()).isEqualTo("kecamatan");
      JsonNode kaliwates = view.path("items").path(0); // path, not get: an empty view is "not yet", not an NPE
      assertThat(kaliwates.path("code").asString()).isEqualTo("35.09.19");
      assertThat(kaliwates.path("name").asString()).isEqualTo("Kaliwates");
      // one citizen is a small cell: the view says so without the number (k = 5)
      assertThat(kaliwates.path("suppressed").asBoolean()).isTrue();
      assertThat(kaliwates.path("count").isNull()).isTrue();
    });
  }

  @Test
  @Order(2)
  void aSecondUpReportsWhatRunsAndStatusShowsEveryComponentHealthy() throws Exception {
    Run again = platform("up");
    assertThat(again.exitCode()).isZero();
    assertThat(again.output()).contains("already running");
    Run status = platform("status");
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output().lines().filter(l -> l.contains("running") && l.endsWith("UP")).count())
        .as("six components and Prometheus (apt-get install prometheus)").isEqualTo(7);
  }

  @Test
  @Order(3)
  void benchHarnessReportsTheGatewayNextToItsBaseline() throws Exception {
    Run bench = platform("bench", "--requests", "300", "--rounds", "1", "--concurrency", "4");
    assertThat(bench.exitCode()).as(bench.output()).isZero();
    assertThat(bench.output()).contains("direct (baseline)").contains("through gateway").contains("throughput:");
  }

  @Test
  @Order(4)
  void everyDashboardPanelShowsDataOnceThePlatformHasWorkedAWhile() throws Exception {
    OperatorsView.assertEveryDashboardPanelHasData(ROOT, env);
  }

  @Test
  @Order(5)
  void aServiceThatIsDownGetsAFast503ProblemWhileTheOthersAnswer() throws Exception {
    long pid = Long.parseLong(Files.readString(
        Path.of(env.get("PLATFORM_HOME"), "run", "analytics-service.pid")).trim());
    ProcessHandle analytics = ProcessHandle.of(pid).orElseThrow();
    analytics.destroy();
    analytics.onExit().get(60, TimeUnit.SECONDS);

    HttpResponse<String> down = get("/api/v1/analytics/citizen-registrations");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(get("/api/v1/regions").statusCode()).isEqualTo(200);

    Run status = platform("status");
    assertThat(status.exitCode()).isNotZero();
    assertThat(status.output()).contains("analytics-service  stopped");
  }

  @Test
  @Order(6)
  void refusesToStartOnATakenPortWithAClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Map<String, String> other = new LinkedHashMap<>(env);
      other.put("PLATFORM_HOME", ROOT.resolve("e2e/target/platform-taken-port").toString());
      other.put("MONGO_PORT", Integer.toString(taken.getLocalPort()));
      for (String port : List.of("GATEWAY_PORT", "CITIZEN_PORT", "CONTENT_PORT", "ANALYTICS_PORT", "KAFKA_PORT",
          "KAFKA_CONTROLLER_PORT", "PROMETHEUS_PORT")) {
        other.put(port, Integer.toString(freePort()));
      }
      Run refused = platform(other, "up");
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.output()).contains("port " + taken.getLocalPort() + " (mongo) is taken")
          .contains("MONGO_PORT=");
    }
  }

  record Run(int exitCode, String output) {
  }

  private static Run platform(String... args) throws Exception {
    return platform(env, args);
  }

  private static Run platform(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("platform").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("./platform " + String.join(" ", args) + " hung:\n" + output);
    }
    System.out.println(output);
    return new Run(process.exitValue(), output);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(gateway + path)).GET());
  }

  /** Calls carry the demo admin client's key, which the gateway wrote on its first start. */
  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    String key = java.nio.file.Files.readString(Path.of(env.get("PLATFORM_HOME"), "keys", "admin.key")).strip();
    return HTTP.send(request.header("X-API-Key", key).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A free port not given before in this run: asked one after another, the system may hand out the same one. */
  private static int freePort() throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (GIVEN.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
