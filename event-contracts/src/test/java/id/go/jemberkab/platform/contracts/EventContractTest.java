package id.go.jemberkab.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published contract holds: every event type has a schema and a valid example, its example binds to
 * its Java record, and no schema changed incompatibly against its published copy in
 * {@code published-schemas/}.
 */
class EventContractTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path PUBLISHED = Path.of("published-schemas");

  private final EventSchemas schemas = EventSchemas.load();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void exampleValidatesAgainstItsSchema(EventType type) {
    JsonNode example = EventSchemas.readResource(type.exampleResource());
    assertThat(schemas.violations(type, example)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void exampleBindsToItsRecordAndBackWithoutLoss(EventType type) {
    JsonNode example = EventSchemas.readResource(type.exampleResource());
    Object data = JSON.treeToValue(example, type.dataClass());
    JsonNode written = JSON.valueToTree(data);
    assertThat(written.propertyNames()).as("fields of %s", type).containsExactlyInAnyOrderElementsOf(
        example.propertyNames());
    assertThat(JSON.treeToValue(written, type.dataClass())).isEqualTo(data);
    assertThat(schemas.violations(type, written)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaRejectsDataMissingARequiredProperty(EventType type) {
    JsonNode schema = EventSchemas.readResource(type.schemaResource());
    var example = (tools.jackson.databind.node.ObjectNode) EventSchemas.readResource(type.exampleResource());
    example.remove(schema.path("required").get(0).asString());
    assertThat(schemas.violations(type, example)).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void typeIsReverseDnsAndVersioned(EventType type) {
    assertThat(type.type()).matches("id\\.go\\.jemberkab\\.[a-z-]+\\.[a-z-.]+\\.v[0-9]+");
  }

  @Test
  void noPublishedSchemaChangedIncompatibly() throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.list(PUBLISHED)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String type = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (EventType.of(type).isEmpty()) {
          problems.add(type + ": published event type was removed");
          continue;
        }
        JsonNode current = EventSchemas.readResource(EventType.of(type).get().schemaResource());
        SchemaCompatibility.breakingChanges(JSON.readTree(file.toFile()), current)
            .forEach(p -> problems.add(type + " " + p));
      }
    }
    assertThat(problems).as("incompatible changes to published event schemas; publish a new "
        + "versioned type (….v2) instead of changing a published one").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everySchemaIsPublished(EventType type) {
    assertThat(PUBLISHED.resolve(type.type() + ".json"))
        .as("%s is not in published-schemas/: copy src/main/resources/%s there when it is released",
            type.type(), type.schemaResource())
        .exists();
  }
}
