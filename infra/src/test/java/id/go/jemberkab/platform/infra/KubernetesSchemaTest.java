package id.go.jemberkab.platform.infra;

import static id.go.jemberkab.platform.infra.Repository.INFRA;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests against the Kubernetes API model (fabric8's, generated from the API's OpenAPI
 * schemas): each object's apiVersion and kind exist, every field is one the API knows, at the right place and
 * of the right type. kubeconform and kubeval cannot be installed here; this model comes from Maven Central.
 * Custom resources of the Prometheus operator (ServiceMonitor) and Kustomize files are outside the core API
 * and are checked by DeploymentManifestsTest instead.
 */
class KubernetesSchemaTest {

  private static final Set<String> OUTSIDE_THE_CORE_API = Set.of("ServiceMonitor", "Kustomization");
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  @Test
  void everyManifestIsAValidKubernetesObject() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(INFRA.resolve("k8s"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
          if (!(document instanceof Map<?, ?> manifest) || OUTSIDE_THE_CORE_API.contains(manifest.get("kind"))) {
            continue;
          }
          Object metadata = manifest.get("metadata");
          String where = INFRA.relativize(file) + " " + manifest.get("kind") + " "
              + (metadata instanceof Map<?, ?> m ? m.get("name") : "(no metadata)");
          Object parsed;
          try {
            parsed = KUBERNETES.unmarshal(KUBERNETES.asJson(manifest));
          } catch (RuntimeException wrongType) {
            problems.add(where + ": " + wrongType.getMessage());
            continue;
          }
          if (parsed instanceof GenericKubernetesResource) {
            problems.add(where + ": apiVersion " + manifest.get("apiVersion") + " has no kind " + manifest.get("kind"));
            continue;
          }
          unknownFields(parsed, where, new IdentityHashMap<>(), problems);
          checked++;
        }
      }
    }
    assertThat(checked).as("Kubernetes objects checked").isGreaterThanOrEqualTo(20);
    assertThat(problems).as("manifests the Kubernetes API would reject or misread").isEmpty();
  }

  @Test
  void aMisplacedFieldIsFound() {
    Map<String, Object> deployment = new Yaml().load("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          replicas: 1
          selector: {matchLabels: {app: x}}
          template:
            metadata: {labels: {app: x}}
            spec:
              containers:
                - name: x
                  image: x
                  readOnlyRootFilesystem: true
        """);
    List<String> problems = new ArrayList<>();
    unknownFields(KUBERNETES.unmarshal(KUBERNETES.asJson(deployment)), "test", new IdentityHashMap<>(), problems);
    assertThat(problems).singleElement().asString().contains("readOnlyRootFilesystem");
  }

  /** Every model object keeps the fields it does not know in additionalProperties: there must be none. */
  private static void unknownFields(Object value, String where, Map<Object, Boolean> seen, List<String> problems) {
    if (value == null || seen.put(value, true) != null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      items.forEach(item -> unknownFields(item, where, seen, problems));
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.values().forEach(item -> unknownFields(item, where, seen, problems));
      return;
    }
    if (!(value instanceof KubernetesResource) && !value.getClass().getName().startsWith("io.fabric8.kubernetes.api")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object field;
      try {
        field = getter.invoke(value);
      } catch (ReflectiveOperationException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
          problems.add(where + ": " + value.getClass().getSimpleName() + " has no field " + unknown.keySet());
        }
      } else {
        unknownFields(field, where, seen, problems);
      }
    }
  }
}
