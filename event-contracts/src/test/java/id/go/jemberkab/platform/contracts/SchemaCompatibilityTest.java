package id.go.jemberkab.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaCompatibilityTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String PUBLISHED = """
      {"type":"object","required":["id","at"],
       "properties":{"id":{"type":"string"},"at":{"type":"string","format":"date-time"},
                     "count":{"type":"integer"},
                     "place":{"type":"object","properties":{"code":{"type":"string"}}}}}""";

  @Test
  void acceptsAnAddedOptionalProperty() {
    String current = PUBLISHED.replace("\"count\":{\"type\":\"integer\"}",
        "\"count\":{\"type\":\"integer\"},\"note\":{\"type\":\"string\"}");
    assertThat(breaking(current)).isEmpty();
  }

  @Test
  void rejectsARemovedProperty() {
    String current = PUBLISHED.replace("\"count\":{\"type\":\"integer\"},", "");
    assertThat(breaking(current)).containsExactly("$.count: removed or renamed");
  }

  @Test
  void rejectsARenamedNestedProperty() {
    String current = PUBLISHED.replace("\"code\":{", "\"regionCode\":{");
    assertThat(breaking(current)).containsExactly("$.place.code: removed or renamed");
  }

  @Test
  void rejectsAChangedType() {
    String current = PUBLISHED.replace("\"count\":{\"type\":\"integer\"}", "\"count\":{\"type\":\"string\"}");
    assertThat(breaking(current)).singleElement().asString().startsWith("$.count: type changed");
  }

  @Test
  void rejectsAChangedFormat() {
    String current = PUBLISHED.replace("\"format\":\"date-time\"", "\"format\":\"date\"");
    assertThat(breaking(current)).singleElement().asString().startsWith("$.at: format changed");
  }

  @Test
  void rejectsANewRequiredProperty() {
    String current = PUBLISHED.replace("[\"id\",\"at\"]", "[\"id\",\"at\",\"count\"]");
    assertThat(breaking(current)).containsExactly("$.count: newly required");
  }

  @Test
  void rejectsARequiredPropertyMadeOptional() {
    String current = PUBLISHED.replace("[\"id\",\"at\"]", "[\"id\"]");
    assertThat(breaking(current)).containsExactly("$.at: no longer required, consumers rely on it");
  }

  private static java.util.List<String> breaking(String current) {
    JsonNode published = JSON.readTree(PUBLISHED);
    return SchemaCompatibility.breakingChanges(published, JSON.readTree(current));
  }
}
