package id.go.jemberkab.platform.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PathTemplatesTest {

  @Test
  void anythingThatIsNotAnApiWordBecomesAPlaceholder() {
    assertThat(PathTemplates.of("/api/v1/citizens/3509190505750042")).isEqualTo("/api/v1/citizens/{id}");
    assertThat(PathTemplates.of("/api/v1/citizens/f918fe81-a549-4331-8674-9a409a21c4c1"))
        .isEqualTo("/api/v1/citizens/{id}");
    assertThat(PathTemplates.of("/api/v1/events/65f0a1b2c3d4e5f6a7b8c9d0/registrations/R-0042/check-in"))
        .isEqualTo("/api/v1/events/{id}/registrations/{id}/check-in");
    assertThat(PathTemplates.of("/api/v1/regions/35.09.19")).isEqualTo("/api/v1/regions/{id}");
    // versions stay, anything shaped nearly like one does not
    assertThat(PathTemplates.of("/api/v12/regions/v7")).isEqualTo("/api/v12/regions/v7");
    assertThat(PathTemplates.of("/api/v123/regions/v/vx/V1/v1a")).isEqualTo("/api/{id}/regions/{id}/{id}/{id}/{id}");
    assertThat(PathTemplates.of("/api/v1/clients/siti@example.id")).isEqualTo("/api/v1/clients/{id}");
    assertThat(PathTemplates.of("/api/v1/content/Kopi-Robusta")).as("capitals").isEqualTo("/api/v1/content/{id}");
    assertThat(PathTemplates.of("/open311/v2/requests/8812.json")).isEqualTo("/open311/v2/requests/{id}.json");
    assertThat(PathTemplates.of("/api/v1/citizens/budi-santoso")).as("a name typed into a URL")
        .isEqualTo("/api/v1/citizens/{id}");
    assertThat(PathTemplates.of("/api/v1/content/bupati-resmikan-pasar-tanjung/history")).as("a slug")
        .isEqualTo("/api/v1/content/{id}/history");
    assertThat(PathTemplates.of("/siti-rahayu/v1")).as("not even first").isEqualTo("/{id}/v1");
    assertThat(PathTemplates.of("/open311/v2/budi.json")).isEqualTo("/open311/v2/{id}.json");
  }

  @Test
  void apiWordsAndVersionsStay() {
    assertThat(PathTemplates.of("/api/v1/citizens/lookup")).isEqualTo("/api/v1/citizens/lookup");
    assertThat(PathTemplates.of("/open311/v2/services.json")).isEqualTo("/open311/v2/services.json");
    assertThat(PathTemplates.of("/api/v1/analytics/citizen-registrations"))
        .isEqualTo("/api/v1/analytics/citizen-registrations");
    assertThat(PathTemplates.of("/")).isEqualTo("/");
    assertThat(PathTemplates.of("")).isEqualTo("/");
    assertThat(PathTemplates.of("/api/v1/items/items/items/items/items/items/items/items/items/items/items"))
        .as("at most 12 segments").isEqualTo("/api/v1/items/items/items/items/items/items/items/items/items/items/…");
  }

  /**
   * Every literal segment of every request mapping in the services and the gateway is an API word: a new
   * endpoint whose words were not added would be audited as {@code {id}}, and this names them.
   */
  @Test
  void everyMappedWordIsKnown() throws IOException {
    Pattern mapping = Pattern.compile("@(?:Request|Get|Post|Put|Patch|Delete)Mapping\\((?:path = |value = )?\"([^\"]*)\"");
    Set<String> words = new TreeSet<>();
    int mappings = 0;
    for (String module : new String[] {"citizen-service", "content-service", "analytics-service", "gateway"}) {
      Path sources = Path.of("..", module, "src", "main", "java");
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = mapping.matcher(Files.readString(file));
          while (m.find()) {
            mappings++;
            for (String segment : m.group(1).split("/")) {
              if (!segment.isEmpty() && !segment.startsWith("{") && !segment.matches("v[0-9]+")) {
                words.add(segment.replaceFirst("^\\{[^}]+}", ""));
              }
            }
          }
        }
      }
    }
    assertThat(mappings).as("request mappings found").isGreaterThan(40);
    words.removeIf(String::isEmpty);
    assertThat(words).allSatisfy(word -> assertThat(PathTemplates.of("/" + word)).as(word).isEqualTo("/" + word));
  }
}
