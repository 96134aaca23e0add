package id.go.jemberkab.platform.infra;

import static id.go.jemberkab.platform.infra.Repository.INFRA;
import static id.go.jemberkab.platform.infra.Repository.ROOT;
import static id.go.jemberkab.platform.infra.Repository.list;
import static id.go.jemberkab.platform.infra.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus configuration and rules in infra/prometheus, checked and unit-tested by {@code promtool}
 * (Debian package {@code prometheus}; .ci/run installs it). The promtool cases in
 * tests/alerts.test.yml use the series names and labels the services emit.
 */
class PrometheusRulesTest {

  private static final Path PROMETHEUS = INFRA.resolve("prometheus");
  private static final Path RULES = PROMETHEUS.resolve("rules");
  private static final Path ALERT_TESTS = PROMETHEUS.resolve("tests/alerts.test.yml");

  @BeforeAll
  static void promtoolIsInstalled() {
    assertThat(Repository.onPath("promtool"))
        .as("promtool is not installed: apt-get install -y prometheus (Debian; .ci/run does it)").isTrue();
  }

  @Test
  void scrapeConfigurationsAndRuleFilesAreValid() throws Exception {
    Repository.Run local = promtool(PROMETHEUS, "check", "config", "prometheus.yml");
    assertThat(local.exitCode()).as(local.output()).isZero();
    assertThat(local.output()).contains("SUCCESS: " + ruleFiles().size() + " rule files found");

    Repository.Run compose = promtool(INFRA.resolve("compose"), "check", "config", "prometheus.yml");
    assertThat(compose.exitCode()).as(compose.output()).isZero();
  }

  @Test
  void everyAlertBehavesAsItsPromtoolCasesSay() throws Exception {
    Repository.Run test = promtool(PROMETHEUS, "test", "rules", "tests/alerts.test.yml");
    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasForSeverityTextAndARunbookThatExists() throws Exception {
    Map<String, Map<String, Object>> alerts = alerts(ruleFiles());
    assertThat(alerts).isNotEmpty();
    alerts.forEach((name, rule) -> {
      assertThat(rule.get("for")).as("%s: for", name).isNotNull();
      assertThat(map(rule.get("labels")).get("severity")).as("%s: severity", name).isIn("critical", "warning", "info");
      Map<String, Object> annotations = map(rule.get("annotations"));
      assertThat((String) annotations.get("summary")).as("%s: summary", name).isNotBlank();
      assertThat((String) annotations.get("description")).as("%s: description", name).isNotBlank();
      String runbook = (String) annotations.get("runbook_url");
      assertThat(runbook).as("%s: runbook_url", name).matches("docs/runbooks/[a-z0-9-]+\\.md");
      Path file = ROOT.resolve(runbook);
      assertThat(file).as("%s: runbook", name).exists();
      try {
        assertThat(Files.readString(file)).as("%s: its runbook names it", name).contains(name);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void everyAlertHasACaseWhereItFiresAndOneWhereItMustNot() {
    Map<String, Boolean> fires = new LinkedHashMap<>();
    Map<String, Boolean> silent = new LinkedHashMap<>();
    for (Object test : list(Repository.yaml(ALERT_TESTS).get("tests"))) {
      for (Object alertTest : list(map(test).get("alert_rule_test"))) {
        String name = (String) map(alertTest).get("alertname");
        if (list(map(alertTest).get("exp_alerts")).isEmpty()) {
          silent.put(name, true);
        } else {
          fires.put(name, true);
        }
      }
    }
    assertThat(fires.keySet()).as("alerts with a firing case").containsExactlyInAnyOrderElementsOf(alerts(ruleFiles()).keySet());
    assertThat(silent.keySet()).as("alerts with a silent case").containsExactlyInAnyOrderElementsOf(alerts(ruleFiles()).keySet());
  }

  /**
   * The cases bite: an alert whose expression is replaced by one that always fires (without the labels the
   * cases expect) must make promtool's test fail, for each alert in turn.
   */
  @Test
  void thePromtoolCasesFailWhenAnyAlertMisbehaves(@TempDir Path copy) throws Exception {
    Files.createDirectories(copy.resolve("tests"));
    List<String> unnoticed = new ArrayList<>();
    for (String alert : alerts(ruleFiles()).keySet()) {
      writeRulesWith(copy.resolve("rules"), alert, "vector(1)");
      writeCasesOf(copy.resolve("tests/alerts.test.yml"), alert); // only its own: promtool takes seconds
      Repository.Run run = promtool(copy, "test", "rules", "tests/alerts.test.yml");
      if (run.exitCode() == 0) {
        unnoticed.add(alert);
      }
    }
    assertThat(unnoticed).as("alerts whose breakage no promtool case notices").isEmpty();
  }

  private static void writeRulesWith(Path rules, String alert, String expr) throws IOException {
    Files.createDirectories(rules);
    Yaml yaml = new Yaml(dumperOptions());
    for (Path file : ruleFiles()) {
      Map<String, Object> content = Repository.yaml(file);
      for (Object group : list(content.get("groups"))) {
        for (Object rule : list(map(group).get("rules"))) {
          if (alert.equals(map(rule).get("alert"))) {
            map(rule).put("expr", expr);
          }
        }
      }
      Files.writeString(rules.resolve(file.getFileName()), yaml.dump(content));
    }
  }

  private static void writeCasesOf(Path file, String alert) throws IOException {
    Map<String, Object> cases = Repository.yaml(ALERT_TESTS);
    cases.put("tests", list(cases.get("tests")).stream()
        .filter(test -> list(map(test).get("alert_rule_test")).stream()
            .anyMatch(alertTest -> alert.equals(map(alertTest).get("alertname"))))
        .toList());
    Files.writeString(file, new Yaml(dumperOptions()).dump(cases));
  }

  private static DumperOptions dumperOptions() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return options;
  }

  static Map<String, Map<String, Object>> alerts(List<Path> files) {
    Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
    for (Path file : files) {
      for (Object group : list(Repository.yaml(file).get("groups"))) {
        for (Object rule : list(map(group).get("rules"))) {
          Object name = map(rule).get("alert");
          if (name != null) {
            assertThat(alerts.put((String) name, map(rule))).as("alert %s defined twice", name).isNull();
          }
        }
      }
    }
    return alerts;
  }

  static List<Path> ruleFiles() {
    try (Stream<Path> files = Files.list(RULES)) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Repository.Run promtool(Path directory, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "promtool";
    System.arraycopy(args, 0, command, 1, args.length);
    return Repository.run(directory, command);
  }
}
