package id.go.jemberkab.platform.infra;

import static id.go.jemberkab.platform.infra.Repository.INFRA;
import static id.go.jemberkab.platform.infra.Repository.ROOT;
import static id.go.jemberkab.platform.infra.Repository.at;
import static id.go.jemberkab.platform.infra.Repository.list;
import static id.go.jemberkab.platform.infra.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.go.jemberkab.platform.localstack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * infra/compose and infra/k8s against the services' own configuration: every file parses, and the
 * ports, environment variables, images, probes and scrape targets agree with each service's
 * application.yml and with the image names the {@code images} profile (Jib) builds.
 */
class DeploymentManifestsTest {

  private static final List<String> SERVICES = List.of("gateway", "citizen-service", "content-service", "analytics-service");
  private static final Path COMPOSE = INFRA.resolve("compose/docker-compose.yml");
  private static final Path K8S = INFRA.resolve("k8s");
  /** Where the actuator answers in a cluster: health for the kubelet, metrics for Prometheus, nothing else. */
  private static final int MANAGEMENT_PORT = 9464;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

  /** What the deployments must know of one service, read from its application.yml. */
  record ServiceConfig(String name, int port, Map<String, String> placeholders, String image) {

    /** Variables the service reads: its placeholders, plus the ones Spring Boot binds itself. */
    Set<String> variables() {
      Set<String> variables = new LinkedHashSet<>(placeholders.keySet());
      variables.add("SERVER_PORT");
      variables.add("MANAGEMENT_SERVER_PORT");
      variables.add("SPRING_PROFILES_ACTIVE");
      return variables;
    }

    /** Without a default (required in some profile), or defaulting to this machine: a deployment must set it. */
    Set<String> required() {
      Set<String> required = new LinkedHashSet<>(List.of("SERVER_PORT", "SPRING_PROFILES_ACTIVE"));
      placeholders.forEach((name, fallback) -> {
        if (fallback == null || fallback.contains("127.0.0.1") || fallback.contains("localhost")) {
          required.add(name);
        }
      });
      return required;
    }
  }

  private static final Map<String, ServiceConfig> config = new LinkedHashMap<>();

  @BeforeAll
  static void readTheServicesConfiguration() throws IOException {
    String image = Repository.rootPomProperty("image.repository") + "/%s:" + Repository.rootPomProperty("version");
    for (String service : SERVICES) {
      Path yml = ROOT.resolve(service + "/src/main/resources/application.yml");
      String text = Files.readString(yml);
      Map<String, String> placeholders = new LinkedHashMap<>();
      Matcher matcher = PLACEHOLDER.matcher(text);
      while (matcher.find()) {
        // a variable with a default in one profile and none in another is required
        String fallback = matcher.group(2);
        placeholders.merge(matcher.group(1), fallback == null ? "" : fallback, (a, b) -> a.isEmpty() ? a : b);
      }
      placeholders.replaceAll((name, fallback) -> fallback.isEmpty() ? null : fallback);
      Object port = at(Repository.map(Repository.yamlDocuments(yml).get(0)), "server.port");
      config.put(service, new ServiceConfig(service, (Integer) port, placeholders, image.formatted(service)));
    }
    assertThat(config.get("citizen-service").placeholders()).containsKeys("MONGODB_URI", "KAFKA_BOOTSTRAP", "PSEUDONYM_KEY");
    assertThat(config.get("gateway").placeholders()).containsKeys("CITIZEN_URL", "CONTENT_URL", "ANALYTICS_URL");
  }

  @Test
  void everyInfrastructureFileParses() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(INFRA)) {
      files = walk.filter(Files::isRegularFile)
          .filter(f -> !INFRA.relativize(f).startsWith("target") && !f.toString().contains("/target/")
              && !f.toString().contains("/src/"))
          .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    JsonMapper json = JsonMapper.builder().build();
    for (Path file : files) {
      if (file.toString().endsWith(".json")) {
        assertThat(json.readTree(file.toFile()).isObject()).as(file.toString()).isTrue();
      } else {
        assertThat(Repository.yamlDocuments(file)).as(file.toString()).isNotEmpty();
      }
    }
  }

  // ---- docker compose

  @Test
  void composeRunsEachServiceOnItsPortWithTheVariablesItReads() {
    Map<String, Object> services = map(Repository.yaml(COMPOSE).get("services"));
    for (ServiceConfig service : config.values()) {
      Map<String, Object> compose = map(services.get(service.name()));
      assertThat(compose.get("image")).as("%s image", service.name()).isEqualTo(service.image());
      Map<String, String> env = strings(map(compose.get("environment")));
      assertThat(service.variables()).as("%s reads every variable compose sets", service.name())
          .containsAll(env.keySet());
      assertThat(env.keySet()).as("%s gets every variable it needs", service.name()).containsAll(service.required());
      assertThat(env).as(service.name()).containsEntry("SERVER_PORT", Integer.toString(service.port()))
          .containsEntry("SPRING_PROFILES_ACTIVE", "kubernetes");
      assertDatabaseIsItsOwn(service, env.get("MONGODB_DATABASE"));
      String health = String.join(" ", strings(list(map(compose.get("healthcheck")).get("test"))));
      assertThat(health).as("%s healthcheck", service.name())
          .contains("/dev/tcp/127.0.0.1/" + actuatorPort(service, env)).contains("/actuator/health/readiness");
      if (compose.containsKey("ports")) {
        // a port published to the world carries the API only: the actuator shows every client's traffic
        assertThat(env).as("%s publishes a port: its actuator on another", service.name())
            .containsEntry("MANAGEMENT_SERVER_PORT", Integer.toString(MANAGEMENT_PORT));
      }
      env.forEach((name, value) -> {
        if (value.startsWith("http://")) {
          URI uri = URI.create(value);
          assertThat(config).as("%s=%s names a service", name, value).containsKey(uri.getHost());
          assertThat(uri.getPort()).as("%s=%s port", name, value).isEqualTo(config.get(uri.getHost()).port());
        }
      });
      if (env.containsKey("KAFKA_BOOTSTRAP")) {
        for (String broker : env.get("KAFKA_BOOTSTRAP").split(",")) {
          assertThat(services).as("broker %s", broker).containsKey(broker.split(":")[0]);
        }
      }
      if (env.containsKey("MONGODB_URI")) {
        String hosts = env.get("MONGODB_URI").replaceFirst("^mongodb://", "").replaceFirst("/.*$", "");
        for (String host : hosts.split(",")) {
          assertThat(services).as("mongo %s", host).containsKey(host.split(":")[0]);
        }
      }
    }
  }

  @Test
  void composeImagesArePinnedAndEveryContainerHasAMemoryLimitAndAHealthcheckOrEnds() {
    Map<String, Object> services = map(Repository.yaml(COMPOSE).get("services"));
    services.forEach((name, value) -> {
      Map<String, Object> service = map(value);
      String image = (String) service.get("image");
      assertThat(image).as("%s image", name).matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
      assertThat(service.get("mem_limit")).as("%s mem_limit", name).isNotNull();
      boolean oneShot = "no".equals(service.get("restart"));
      assertThat(oneShot || service.containsKey("healthcheck")).as("%s healthcheck", name).isTrue();
      map(service.get("depends_on")).forEach((dependency, condition) -> {
        assertThat(services).as("%s depends on %s", name, dependency).containsKey(dependency);
        Object wanted = map(condition).get("condition");
        boolean dependencyEnds = "no".equals(map(services.get(dependency)).get("restart"));
        assertThat(wanted).as("%s waits for %s", name, dependency)
            .isEqualTo(dependencyEnds ? "service_completed_successfully" : "service_healthy");
      });
    });
    assertThat(services.keySet()).contains("kafka-1", "kafka-2", "kafka-3", "mongo-1", "mongo-2", "mongo-3",
        "prometheus", "grafana");
  }

  @Test
  void composePrometheusScrapesEveryServiceWhereComposeRunsIt() {
    Map<String, String> targets = new HashMap<>();
    for (Object job : list(Repository.yaml(INFRA.resolve("compose/prometheus.yml")).get("scrape_configs"))) {
      String name = (String) map(job).get("job_name");
      if (config.containsKey(name)) {
        assertThat(map(job).get("metrics_path")).as(name).isEqualTo("/actuator/prometheus");
        targets.put(name, (String) list(map(list(map(job).get("static_configs")).get(0)).get("targets")).get(0));
      }
    }
    Map<String, Object> services = map(Repository.yaml(COMPOSE).get("services"));
    config.values().forEach(service -> assertThat(targets).containsEntry(service.name(), service.name() + ":"
        + actuatorPort(service, strings(map(map(services.get(service.name())).get("environment"))))));
  }

  /** Where a service's actuator answers in compose: its own management port when set, else the API's. */
  private static int actuatorPort(ServiceConfig service, Map<String, String> env) {
    return env.containsKey("MANAGEMENT_SERVER_PORT") ? Integer.parseInt(env.get("MANAGEMENT_SERVER_PORT"))
        : service.port();
  }

  @Test
  void theLocalScrapeConfigHasOneJobPerServiceAndThePlatformWritesItsTargets() throws IOException {
    List<String> jobs = new ArrayList<>();
    for (Object job : list(Repository.yaml(INFRA.resolve("prometheus/prometheus.yml")).get("scrape_configs"))) {
      String name = (String) map(job).get("job_name");
      jobs.add(name);
      assertThat(list(map(list(map(job).get("file_sd_configs")).get(0)).get("files")))
          .containsExactly("targets/" + name + ".json");
    }
    assertThat(jobs).containsAll(SERVICES);
    String launcher = Files.readString(ROOT.resolve("platform"));
    assertThat(launcher).contains("SERVICES=(" + String.join(" ", SERVICES) + ")").contains("targets/$c.json");
  }

  // ---- Kubernetes

  @Test
  void kubernetesRunsEachServiceOnItsPortWithTheVariablesItReadsAndSecretsByReference() throws IOException {
    Map<String, Map<String, Object>> objects = kubernetesBase();
    Map<String, String> platformConfig = generatedConfigMap("platform-config");
    assertThat(platformConfig).containsEntry("SPRING_PROFILES_ACTIVE", "kubernetes");
    for (ServiceConfig service : config.values()) {
      String name = service.name();
      Map<String, Object> deployment = objects.get("Deployment/" + name);
      assertThat(deployment).as("Deployment/%s", name).isNotNull();
      Map<String, Object> pod = map(at(deployment, "spec.template.spec"));
      Map<String, Object> container = map(list(pod.get("containers")).get(0));
      assertThat(container.get("image")).as("%s image", name).isEqualTo(service.image());
      assertThat(list(container.get("ports"))).as("%s ports", name)
          .containsExactly(Map.of("name", "http", "containerPort", service.port()),
              Map.of("name", "management", "containerPort", MANAGEMENT_PORT));

      Map<String, Map<String, Object>> env = new LinkedHashMap<>();
      list(container.get("env")).forEach(e -> env.put((String) map(e).get("name"), map(e)));
      assertThat(service.variables()).as("%s reads every variable Kubernetes sets", name).containsAll(env.keySet());
      assertThat(env.keySet()).as("%s gets every variable it needs", name).containsAll(service.required());
      assertThat(env.get("SERVER_PORT").get("value")).isEqualTo(Integer.toString(service.port()));
      assertThat(env.get("MANAGEMENT_SERVER_PORT")).as("%s actuator off the API port", name)
          .containsEntry("value", Integer.toString(MANAGEMENT_PORT));
      assertThat(at(env.get("SPRING_PROFILES_ACTIVE"), "valueFrom.configMapKeyRef.name")).isEqualTo("platform-config");
      for (String secret : List.of("MONGODB_URI", "PSEUDONYM_KEY")) {
        if (env.containsKey(secret)) {
          assertThat(env.get(secret)).as("%s %s from a Secret", name, secret).doesNotContainKey("value");
          assertThat(at(env.get(secret), "valueFrom.secretKeyRef.name")).as("%s %s", name, secret).isNotNull();
        }
      }
      if (env.containsKey("MONGODB_DATABASE")) {
        assertDatabaseIsItsOwn(service, (String) env.get("MONGODB_DATABASE").get("value"));
      }
      env.forEach((variable, entry) -> {
        Object value = entry.get("value");
        if (value instanceof String url && url.startsWith("http://")) {
          URI uri = URI.create(url);
          Map<String, Object> target = objects.get("Service/" + uri.getHost());
          assertThat(target).as("%s=%s names a Service", variable, url).isNotNull();
          assertThat(at(map(list(at(target, "spec.ports")).get(0)), "port")).isEqualTo(uri.getPort());
          assertThat(uri.getPort()).isEqualTo(config.get(uri.getHost()).port());
        }
      });

      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        // on the API port: probes on the management port could pass while the API's connector is broken
        assertThat(at(map(container.get(probe)), "httpGet.port")).as("%s %s port", name, probe).isEqualTo("http");
      }
      assertThat(at(map(container.get("startupProbe")), "httpGet.path")).isEqualTo("/livez");
      assertThat(at(map(container.get("livenessProbe")), "httpGet.path")).isEqualTo("/livez");
      assertThat(at(map(container.get("readinessProbe")), "httpGet.path")).isEqualTo("/readyz");
      assertThat(Files.readString(ROOT.resolve(name + "/src/main/resources/application.yml")))
          .as("%s serves /livez and /readyz on its API port", name).contains("add-additional-paths: true");
      assertThat(at(pod, "securityContext.runAsNonRoot")).as("%s non-root", name).isEqualTo(true);
      assertThat(at(container, "securityContext.readOnlyRootFilesystem")).as("%s read-only root", name).isEqualTo(true);
      assertThat(at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
      assertThat(at(container, "resources.requests.memory")).as("%s memory request", name).isNotNull();
      assertThat(at(container, "resources.limits.memory")).as("%s memory limit", name).isNotNull();

      Map<String, Object> svc = objects.get("Service/" + name);
      assertThat(map(list(at(svc, "spec.ports")).get(0)))
          .containsEntry("port", service.port()).containsEntry("targetPort", "http");
      assertThat(map(list(at(svc, "spec.ports")).get(1))).containsEntry("name", "management")
          .containsEntry("port", MANAGEMENT_PORT).containsEntry("targetPort", "management");
      assertThat(at(objects.get("HorizontalPodAutoscaler/" + name), "spec.scaleTargetRef.name")).isEqualTo(name);
      assertThat(at(objects.get("PodDisruptionBudget/" + name), "spec.selector.matchLabels"))
          .isEqualTo(Map.of("app.kubernetes.io/name", name));
      Map<String, Object> endpoint = map(list(at(objects.get("ServiceMonitor/" + name), "spec.endpoints")).get(0));
      assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
    }
  }

  @Test
  void servicesBehindTheGatewayAcceptTrafficOnlyFromTheGatewayAndPrometheus() {
    Map<String, Map<String, Object>> objects = kubernetesBase();
    assertThat(objects).containsKey("NetworkPolicy/default-deny-ingress");
    for (String name : SERVICES) {
      Map<String, Object> policy = objects.get("NetworkPolicy/" + name);
      assertThat(policy).as("NetworkPolicy/%s", name).isNotNull();
      assertThat(at(policy, "spec.podSelector.matchLabels")).isEqualTo(Map.of("app.kubernetes.io/name", name));
      if (name.equals("gateway")) {
        continue;
      }
      assertThat(reach(policy)).as("%s: who reaches which port", name).isEqualTo(Map.of(
          Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "gateway"))), Set.of("http"),
          MONITORING, Set.of("management")));
    }
  }

  private static final Map<String, Object> MONITORING =
      Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")));

  /** Each peer of a NetworkPolicy with the ports it may reach; a rule without ports would open every port. */
  private static Map<Object, Set<Object>> reach(Map<String, Object> policy) {
    Map<Object, Set<Object>> reach = new HashMap<>();
    for (Object rule : list(at(policy, "spec.ingress"))) {
      List<Object> ports = list(map(rule).get("ports"));
      assertThat(ports).as("a rule names its ports").isNotEmpty();
      for (Object peer : list(map(rule).get("from"))) {
        for (Object port : ports) {
          reach.computeIfAbsent(peer, p -> new LinkedHashSet<>()).add(map(port).get("port"));
        }
      }
    }
    return reach;
  }

  @Test
  void theGatewayIsReachedThroughTheIngressAndByPrometheusAndTheIngressLeavesTheActuatorInside() {
    Map<String, Map<String, Object>> objects = kubernetesBase();
    assertThat(reach(objects.get("NetworkPolicy/gateway"))).as("who reaches which port of the gateway").isEqualTo(
        Map.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx"))),
            Set.of("http"), MONITORING, Set.of("management")));
    Map<String, Object> ingress = objects.get("Ingress/gateway");
    assertThat(ingress).as("Ingress/gateway").isNotNull();
    List<String> paths = new ArrayList<>();
    for (Object rule : list(at(ingress, "spec.rules"))) {
      for (Object path : list(at(map(rule), "http.paths"))) {
        paths.add((String) map(path).get("path"));
        assertThat(at(map(path), "backend.service.name")).isEqualTo("gateway");
      }
    }
    assertThat(paths).contains("/api", "/open311").allSatisfy(path -> assertThat(path).isNotIn("/", "/actuator")
        .doesNotStartWith("/actuator"));
  }

  @Test
  void everyKustomizationNamesFilesThatExist() throws IOException {
    try (Stream<Path> walk = Files.walk(K8S)) {
      for (Path kustomization : walk.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList()) {
        Map<String, Object> content = Repository.yaml(kustomization);
        for (Object resource : list(content.get("resources"))) {
          assertThat(kustomization.getParent().resolve((String) resource)).as("%s: %s", kustomization, resource).exists();
        }
        for (Object generator : list(content.get("configMapGenerator"))) {
          for (Object file : list(map(generator).get("files"))) {
            assertThat(kustomization.getParent().resolve((String) file)).as("%s: %s", kustomization, file).exists();
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "production"})
  void everyOverlayBuildsWithKustomize(String overlay) throws Exception {
    assumeTrue(Repository.onPath("kubectl"), "kubectl (with kustomize) is not installed");
    Repository.Run build = Repository.run(K8S, "kubectl", "kustomize", "overlays/" + overlay);
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output()).contains("namespace: jember").contains("kind: ServiceMonitor");
    for (String service : SERVICES) {
      assertThat(build.output()).contains("image: " + Repository.rootPomProperty("image.repository") + "/" + service + ":");
    }
  }

  // ---- topics

  @Test
  void theTopicsScriptCreatesExactlyTheDeclaredTopics() throws IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      LocalStack.main(new String[] {"topics"});
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    } finally {
      System.setOut(out);
    }
    List<String> declared = printed.toString(StandardCharsets.UTF_8).lines().toList();
    List<String> script = Files.readAllLines(K8S.resolve("base/kafka/create-topics.sh")).stream()
        .filter(line -> line.startsWith("kafka-topics.sh ")).toList();
    assertThat(declared).hasSizeGreaterThan(5);
    assertThat(script).as("infra/k8s/base/kafka/create-topics.sh: regenerate it with `java -jar "
        + "infra/local-stack/target/local-stack-*-exec.jar topics`").isEqualTo(declared);
    assertThat(list(at(Repository.yaml(COMPOSE), "services.kafka-topics.volumes")))
        .contains("../k8s/base/kafka/create-topics.sh:/scripts/create-topics.sh:ro");
  }

  private static void assertDatabaseIsItsOwn(ServiceConfig service, String database) {
    if (database != null) {
      assertThat(database).as("%s database: its own, as in application.yml", service.name())
          .isEqualTo(service.placeholders().get("MONGODB_DATABASE"));
    }
  }

  private static Map<String, Map<String, Object>> kubernetesBase() {
    Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
    for (Object resource : list(Repository.yaml(K8S.resolve("base/kustomization.yaml")).get("resources"))) {
      for (Object document : Repository.yamlDocuments(K8S.resolve("base").resolve((String) resource))) {
        Map<String, Object> object = map(document);
        String key = object.get("kind") + "/" + at(object, "metadata.name");
        assertThat(objects.put(key, object)).as("%s defined twice", key).isNull();
      }
    }
    return objects;
  }

  private static Map<String, String> generatedConfigMap(String name) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Object generator : list(Repository.yaml(K8S.resolve("base/kustomization.yaml")).get("configMapGenerator"))) {
      if (name.equals(map(generator).get("name"))) {
        for (Object literal : list(map(generator).get("literals"))) {
          String[] pair = ((String) literal).split("=", 2);
          values.put(pair[0], pair[1]);
        }
      }
    }
    return values;
  }

  private static Map<String, String> strings(Map<String, Object> map) {
    Map<String, String> strings = new LinkedHashMap<>();
    map.forEach((key, value) -> strings.put(key, String.valueOf(value)));
    return strings;
  }

  private static List<String> strings(List<Object> list) {
    return list.stream().map(String::valueOf).toList();
  }
}
