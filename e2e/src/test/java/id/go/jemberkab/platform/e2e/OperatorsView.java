package id.go.jemberkab.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What an operator sees of the running platform: the Prometheus that {@code ./platform up} started scrapes
 * every service, evaluates every rule without error, and after some realistic traffic every panel of every
 * Grafana dashboard has data. Kept apart from {@link PlatformEndToEndIT} so that class stays about users.
 */
final class OperatorsView {

  private OperatorsView() {
  }

  static void assertEveryDashboardPanelHasData(Path root, String gateway, Map<String, String> env) throws Exception {
    assertThat(onPath("prometheus"))
        .as("the dashboards are checked against a real Prometheus: apt-get install -y prometheus (.ci/run does)")
        .isTrue();
    String prometheus = "http://127.0.0.1:" + env.get("PROMETHEUS_PORT");
    DashboardQueries dashboards = DashboardQueries.load(root.resolve("infra/grafana/dashboards"), prometheus);
    assertThat(dashboards.all()).as("panel queries in infra/grafana/dashboards").hasSizeGreaterThan(50);

    // first the dead letter: Micrometer binds the new per-topic producer metrics only on its next refresh
    PlatformTraffic.onKafka("127.0.0.1:" + env.get("KAFKA_PORT"));
    new PlatformTraffic(gateway).throughTheGateway(40);

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

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, command)));
  }
}
