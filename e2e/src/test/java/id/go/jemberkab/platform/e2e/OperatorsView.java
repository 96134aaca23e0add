package id.go.jemberkab.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What an operator sees of the running platform: the Prometheus that {@code ./platform up} started scrapes
 * every service, evaluates every rule without error, and after {@code ./platform demo} and a few unusual
 * events on Kafka every panel of every Grafana dashboard has data. Kept apart from {@link PlatformEndToEndIT} so that class stays about users.
 */
final class OperatorsView {

  private OperatorsView() {
  }

  static void assertEveryDashboardPanelHasData(Path root, Map<String, String> env) throws Exception {
    assertThat(onPath("prometheus"))
        .as("the dashboards are checked against a real Prometheus: apt-get install -y prometheus (.ci/run does)")
        .isTrue();
    String prometheus = "http://127.0.0.1:" + env.get("PROMETHEUS_PORT");
    DashboardQueries dashboards = DashboardQueries.load(root.resolve("infra/grafana/dashboards"), prometheus);
    assertThat(dashboards.all()).as("panel queries in infra/grafana/dashboards").hasSizeGreaterThan(50);

    // first the dead letter: Micrometer binds the new per-topic producer metrics only on its next refresh
    UnusualEvents.publish("127.0.0.1:" + env.get("KAFKA_PORT"));
    String demo = demo(root, env, "--requests", "200", "--rate", "50", "--seconds", "60");
    assertThat(demo).contains("demo: 200 requests").contains("POST /api/v1/citizens 201")
        .contains("GET /api/v1/citizens/{id} 200").contains("GET /api/v1/analytics/citizen-registrations 200")
        .doesNotContain(" 5xx");

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(dashboards.targetsNotUp()).as("scrape targets not up").isEmpty();
      assertThat(dashboards.ruleCount()).as("rules loaded from infra/prometheus/rules").isGreaterThan(15);
    });
    await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(dashboards.withoutData()).as("dashboard panels whose query returns no data").isEmpty());
    assertThat(dashboards.unhealthyRules()).as("rules that failed to evaluate").isEmpty();
    // the alert rule matches the series the real dead letter produced (pending for its `for`, then firing)
    assertThat(dashboards.activeAlerts()).as("active alerts")
        .anyMatch(alert -> alert.startsWith("DeadLettersPublished") && alert.contains("citizen.registry.v1.dlt"));
  }

  /** {@code ./platform demo}: exits non-zero when the platform answered a 5xx. */
  private static String demo(Path root, Map<String, String> env, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of(root.resolve("platform").toString(), "demo"));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("./platform demo ended").isTrue();
    System.out.println(output);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, command)));
  }
}
