package id.go.jemberkab.platform.contracts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Finds the changes between a published event schema and its current version that would break an
 * analyst's consumer written against the published one: a property removed or renamed, a type or format
 * changed, a property newly required, or a required property made optional. Adding an optional property
 * is the one compatible change.
 */
final class SchemaCompatibility {

  private SchemaCompatibility() {
  }

  static List<String> breakingChanges(JsonNode published, JsonNode current) {
    List<String> problems = new ArrayList<>();
    compare("$", published, current, problems);
    return problems;
  }

  private static void compare(String path, JsonNode published, JsonNode current, List<String> problems) {
    if (!published.path("type").equals(current.path("type"))) {
      problems.add(path + ": type changed from " + published.path("type") + " to " + current.path("type"));
      return;
    }
    if (!published.path("format").equals(current.path("format"))) {
      problems.add(path + ": format changed from " + published.path("format") + " to " + current.path("format"));
    }
    JsonNode publishedProperties = published.path("properties");
    JsonNode currentProperties = current.path("properties");
    for (String name : publishedProperties.propertyNames()) {
      if (!currentProperties.has(name)) {
        problems.add(path + "." + name + ": removed or renamed");
      } else {
        compare(path + "." + name, publishedProperties.get(name), currentProperties.get(name), problems);
      }
    }
    Set<String> publishedRequired = names(published.path("required"));
    Set<String> currentRequired = names(current.path("required"));
    for (String name : currentRequired) {
      if (!publishedRequired.contains(name)) {
        problems.add(path + "." + name + ": newly required");
      }
    }
    for (String name : publishedRequired) {
      if (currentProperties.has(name) && !currentRequired.contains(name)) {
        problems.add(path + "." + name + ": no longer required, consumers rely on it");
      }
    }
    if (published.has("items") && current.has("items")) {
      compare(path + "[]", published.get("items"), current.get("items"), problems);
    }
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new HashSet<>();
    array.forEach(n -> names.add(n.asString()));
    return names;
  }
}
