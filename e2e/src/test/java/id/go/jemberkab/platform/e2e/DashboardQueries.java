package id.go.jemberkab.platform.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every query of every panel of the provisioned Grafana dashboards ({@code infra/grafana/dashboards}),
 * evaluated as Grafana would against a real Prometheus: a panel whose query returns nothing shows
 * "No data" to the operator, so it counts as broken.
 */
final class DashboardQueries {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  record PanelQuery(String dashboard, String panel, String refId, String expr) {
    @Override
    public String toString() {
      return dashboard + " / " + panel + " [" + refId + "]: " + expr;
    }
  }

  private final List<PanelQuery> queries;
  private final String prometheus;

  private DashboardQueries(List<PanelQuery> queries, String prometheus) {
    this.queries = queries;
    this.prometheus = prometheus;
  }

  static DashboardQueries load(Path dashboards, String prometheus) throws IOException {
    List<PanelQuery> queries = new ArrayList<>();
    try (Stream<Path> files = Files.list(dashboards)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = JSON.readTree(file.toFile());
        for (JsonNode panel : dashboard.path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            queries.add(new PanelQuery(dashboard.path("uid").asString(), panel.path("title").asString(),
                target.path("refId").asString(), target.path("expr").asString()));
          }
        }
      }
    }
    return new DashboardQueries(List.copyOf(queries), prometheus);
  }

  List<PanelQuery> all() {
    return queries;
  }

  /** The queries that return no series right now, with Prometheus's error where it refused one. */
  List<String> withoutData() throws Exception {
    List<String> empty = new ArrayList<>();
    for (PanelQuery query : queries) {
      JsonNode answer = query(query.expr());
      if (!"success".equals(answer.path("status").asString())) {
        empty.add(query + " -> " + answer.path("error").asString());
      } else if (answer.path("data").path("result").isEmpty()) {
        empty.add(query.toString());
      }
    }
    return empty;
  }

  /** Rules whose last evaluation failed (a typo in a label matcher evaluates fine; a type error does not). */
  List<String> unhealthyRules() throws Exception {
    JsonNode rules = get("/api/v1/rules");
    List<String> unhealthy = new ArrayList<>();
    for (JsonNode group : rules.path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (!"ok".equals(rule.path("health").asString())) {
          unhealthy.add(rule.path("name").asString() + ": " + rule.path("health").asString() + " "
              + rule.path("lastError").asString());
        }
      }
    }
    return unhealthy;
  }

  int ruleCount() throws Exception {
    int count = 0;
    for (JsonNode group : get("/api/v1/rules").path("data").path("groups")) {
      count += group.path("rules").size();
    }
    return count;
  }

  /** Scrape targets that are not up, as {@code job instance health error}. */
  List<String> targetsNotUp() throws Exception {
    List<String> down = new ArrayList<>();
    for (JsonNode target : get("/api/v1/targets").path("data").path("activeTargets")) {
      if (!"up".equals(target.path("health").asString())) {
        down.add(target.path("labels").path("job").asString() + " " + target.path("scrapeUrl").asString() + " "
            + target.path("health").asString() + " " + target.path("lastError").asString());
      }
    }
    return down;
  }

  /** Alerts pending or firing, as {@code alertname{label=value,...} state}. */
  List<String> activeAlerts() throws Exception {
    List<String> active = new ArrayList<>();
    for (JsonNode alert : get("/api/v1/alerts").path("data").path("alerts")) {
      active.add(alert.path("labels").path("alertname").asString() + alert.path("labels") + " "
          + alert.path("state").asString());
    }
    return active;
  }

  private JsonNode query(String expr) throws Exception {
    return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
  }

  private JsonNode get(String pathAndQuery) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }
}
