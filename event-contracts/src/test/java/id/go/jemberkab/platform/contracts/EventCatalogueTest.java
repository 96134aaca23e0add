package id.go.jemberkab.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The analysts' catalogue ({@code docs/asyncapi.yaml}, {@code docs/events.md}) stays true to the code. */
class EventCatalogueTest {

  private static final Path DOCS = Path.of("..", "docs");

  @Test
  @SuppressWarnings("unchecked")
  void asyncApiHasAChannelForEveryTopicAndAMessageForEveryEventType() throws IOException {
    Map<String, Object> asyncApi;
    try (Reader reader = Files.newBufferedReader(DOCS.resolve("asyncapi.yaml"))) {
      asyncApi = new Yaml().load(reader);
    }
    assertThat(asyncApi.get("asyncapi")).isEqualTo("3.0.0");
    Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) asyncApi.get("channels");
    List<Object> addresses = channels.values().stream().map(c -> c.get("address")).toList();
    assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.STREAMS.stream().map(TopicSpec::name).toList());

    Map<String, Map<String, Object>> messages = (Map<String, Map<String, Object>>)
        ((Map<String, Object>) asyncApi.get("components")).get("messages");
    List<Object> names = messages.values().stream().map(m -> m.get("name")).filter(Objects::nonNull).toList();
    for (EventType type : EventType.values()) {
      assertThat(names).contains(type.type());
      Map<String, Object> message = messages.values().stream()
          .filter(m -> type.type().equals(m.get("name"))).findFirst().orElseThrow();
      String schemaRef = (String) ((Map<String, Object>) message.get("payload")).get("$ref");
      assertThat(DOCS.resolve(schemaRef)).as("payload $ref of %s", type.type()).exists()
          .hasFileName(type.type() + ".json");
    }
  }

  @Test
  void eventsPageListsEveryTopicAndEventType() throws IOException {
    String page = Files.readString(DOCS.resolve("events.md"));
    Topics.STREAMS.forEach(t -> assertThat(page).contains("`" + t.name() + "`"));
    for (EventType type : EventType.values()) {
      assertThat(page).contains(type.type());
    }
  }
}
