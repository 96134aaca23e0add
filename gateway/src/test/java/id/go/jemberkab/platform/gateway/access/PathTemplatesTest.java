package id.go.jemberkab.platform.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathTemplatesTest {

  @Test
  void anythingThatIdentifiesBecomesAPlaceholder() {
    assertThat(PathTemplates.of("/api/v1/citizens/3509190505750042")).isEqualTo("/api/v1/citizens/{id}");
    assertThat(PathTemplates.of("/api/v1/citizens/f918fe81-a549-4331-8674-9a409a21c4c1"))
        .isEqualTo("/api/v1/citizens/{id}");
    assertThat(PathTemplates.of("/api/v1/events/65f0a1b2c3d4e5f6a7b8c9d0/registrations/R-0042/check-in"))
        .isEqualTo("/api/v1/events/{id}/registrations/{id}/check-in");
    assertThat(PathTemplates.of("/api/v1/regions/35.09.19")).isEqualTo("/api/v1/regions/{id}");
    assertThat(PathTemplates.of("/api/v1/clients/siti@example.id")).isEqualTo("/api/v1/clients/{id}");
    assertThat(PathTemplates.of("/api/v1/content/Kopi-Robusta")).as("capitals").isEqualTo("/api/v1/content/{id}");
    assertThat(PathTemplates.of("/open311/v2/requests/8812.json")).isEqualTo("/open311/v2/requests/{id}.json");
  }

  @Test
  void routeWordsVersionsAndShortShapesStay() {
    assertThat(PathTemplates.of("/api/v1/citizens/lookup")).isEqualTo("/api/v1/citizens/lookup");
    assertThat(PathTemplates.of("/open311/v2/services.json")).isEqualTo("/open311/v2/services.json");
    assertThat(PathTemplates.of("/api/v1/analytics/citizen-registrations"))
        .isEqualTo("/api/v1/analytics/citizen-registrations");
    assertThat(PathTemplates.of("/")).isEqualTo("/");
    assertThat(PathTemplates.of("")).isEqualTo("/");
    assertThat(PathTemplates.of("/a/b/c/d/e/f/g/h/i/j/k/l/m/n")).as("at most 12 segments")
        .isEqualTo("/a/b/c/d/e/f/g/h/i/j/k/l/…");
  }
}
