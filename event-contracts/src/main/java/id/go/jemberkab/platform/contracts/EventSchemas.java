package id.go.jemberkab.platform.contracts;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validates event data against the JSON Schema (draft 2020-12) of its type, formats asserted. */
public final class EventSchemas {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);

  private EventSchemas() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    for (EventType type : EventType.values()) {
      schemas.put(type, registry.getSchema(readResource(type.schemaResource())));
    }
  }

  /** Loads the schema of every event type; fails when one is missing or unreadable. */
  public static EventSchemas load() {
    return new EventSchemas();
  }

  /** The violations of {@code data} against the schema of {@code type}; empty when it conforms. */
  public List<String> violations(EventType type, JsonNode data) {
    return schemas.get(type).validate(data, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)))
        .stream()
        .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
        .toList();
  }

  public List<String> violations(EventType type, byte[] data) {
    return violations(type, JSON.readTree(data));
  }

  static JsonNode readResource(String name) {
    try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing contract resource " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
