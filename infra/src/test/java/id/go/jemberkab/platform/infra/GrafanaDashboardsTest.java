package id.go.jemberkab.platform.infra;

import static id.go.jemberkab.platform.infra.Repository.INFRA;
import static id.go.jemberkab.platform.infra.Repository.at;
import static id.go.jemberkab.platform.infra.Repository.list;
import static id.go.jemberkab.platform.infra.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana provisioning and dashboards in infra/grafana, as Grafana would load them. Whether each
 * panel's query returns data is the end-to-end test's job (e2e, against a real Prometheus).
 */
class GrafanaDashboardsTest {

  private static final Path GRAFANA = INFRA.resolve("grafana");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Links and bookmarks point at these: a uid never changes once published. */
  private static final Map<String, String> STABLE_UIDS = Map.of(
      "platform-overview.json", "jember-overview",
      "gateway.json", "jember-gateway",
      "citizen-service.json", "jember-citizen-service",
      "content-service.json", "jember-content-service",
      "analytics-service.json", "jember-analytics-service",
      "events.json", "jember-events",
      "regency.json", "jember-regency");

  @Test
  void everyDashboardKeepsItsUidAndTitle() throws IOException {
    Map<String, JsonNode> dashboards = dashboards();
    assertThat(dashboards.keySet()).containsExactlyInAnyOrderElementsOf(STABLE_UIDS.keySet());
    Set<String> titles = new HashSet<>();
    dashboards.forEach((file, dashboard) -> {
      assertThat(dashboard.path("uid").asString()).as(file).isEqualTo(STABLE_UIDS.get(file));
      assertThat(titles.add(dashboard.path("title").asString())).as("%s: title unique", file).isTrue();
      assertThat(dashboard.path("id").isMissingNode() || dashboard.path("id").isNull())
          .as("%s: no instance-specific id", file).isTrue();
    });
  }

  @Test
  void everyPanelQueriesTheProvisionedPrometheusAndHasAPlace() throws IOException {
    String datasourceUid = (String) map(list(Repository.yaml(GRAFANA.resolve("provisioning/datasources/prometheus.yml"))
        .get("datasources")).get(0)).get("uid");
    dashboards().forEach((file, dashboard) -> {
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : dashboard.path("panels")) {
        String title = file + " / " + panel.path("title").asString();
        assertThat(ids.add(panel.path("id").asInt())).as("%s: panel id unique", title).isTrue();
        assertThat(panel.path("gridPos").path("w").asInt()).as("%s: width", title).isBetween(1, 24);
        if (panel.path("type").asString().equals("row")) {
          continue;
        }
        assertThat(panel.path("datasource").path("uid").asString()).as("%s: datasource", title).isEqualTo(datasourceUid);
        assertThat(panel.path("targets").isEmpty()).as("%s: has queries", title).isFalse();
        for (JsonNode target : panel.path("targets")) {
          assertThat(target.path("expr").asString()).as("%s: query", title).isNotBlank();
          assertThat(target.path("datasource").path("uid").asString()).as("%s: target datasource", title)
              .isEqualTo(datasourceUid);
        }
      }
    });
  }

  @Test
  void recordedSeriesInTheDashboardsAreRecordedByTheRules() throws IOException {
    Set<String> recorded = new TreeSet<>();
    for (Path file : PrometheusRulesTest.ruleFiles()) {
      for (Object group : list(Repository.yaml(file).get("groups"))) {
        for (Object rule : list(map(group).get("rules"))) {
          if (map(rule).get("record") != null) {
            recorded.add((String) map(rule).get("record"));
          }
        }
      }
    }
    Pattern recordedName = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");
    Set<String> used = new TreeSet<>();
    for (JsonNode dashboard : dashboards().values()) {
      for (JsonNode target : dashboard.findValues("expr")) {
        Matcher matcher = recordedName.matcher(target.asString());
        while (matcher.find()) {
          used.add(matcher.group());
        }
      }
    }
    assertThat(used).isNotEmpty();
    assertThat(recorded).containsAll(used);
  }

  @Test
  void theProviderLoadsTheFolderComposeMountsTheDashboardsIn() {
    Object path = at(map(list(Repository.yaml(GRAFANA.resolve("provisioning/dashboards/jember.yml"))
        .get("providers")).get(0)), "options.path");
    Map<String, Object> grafana = map(at(Repository.yaml(INFRA.resolve("compose/docker-compose.yml")), "services.grafana"));
    assertThat(list(grafana.get("volumes"))).contains("../grafana/dashboards:" + path + ":ro");
    assertThat(map(grafana.get("environment"))).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
        .containsKey("GF_SECURITY_ADMIN_PASSWORD__FILE").doesNotContainKey("GF_SECURITY_ADMIN_PASSWORD");
  }

  private static Map<String, JsonNode> dashboards() throws IOException {
    Map<String, JsonNode> dashboards = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
      for (Path file : files.sorted().toList()) {
        dashboards.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
      }
    }
    return dashboards;
  }
}
