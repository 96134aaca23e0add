package id.go.jemberkab.platform.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

  private final AccessRules rules = new AccessRules(List.of(
      new AccessRules.Rule(List.of("GET"), List.of("/api/v1/content/items", "/api/v1/content/items/**"),
          "content:write"),
      new AccessRules.Rule(List.of("GET"), List.of("/api/v1/content", "/api/v1/content/**"), "anonymous"),
      new AccessRules.Rule(List.of("POST"), List.of("/api/v1/content/engagement"), "engagement:write"),
      new AccessRules.Rule(List.of("POST"), List.of("/api/v1/content/items/{id}/publish",
          "/api/v1/content/items/{id}/deliveries/{channel}/retry"), "content:publish"),
      new AccessRules.Rule(List.of("POST", "PUT"), List.of("/api/v1/content", "/api/v1/content/**"), "content:write"),
      new AccessRules.Rule(List.of("*"), List.of("/api/v1/events/**"), "registration:write"),
      new AccessRules.Rule(List.of("GET"), List.of("/api/v1/events/{id}"), "authenticated")));

  @Test
  void listsWithEachAllowedRuleThePartsAnEarlierRuleKeepsForAScopeTheCallerLacks() {
    Caller author = new Caller("humas", Set.of("content:write"), 100, "api-key");

    List<AccessRules.Allowed> allowed = rules.allowedFor(author);

    assertThat(allowed).extracting(a -> a.rule().scope())
        .containsExactly("content:write", "anonymous", "content:write", "authenticated");
    assertThat(allowed.get(0).except()).isEmpty();
    assertThat(allowed.get(1).except()).as("the author satisfies the earlier items rule").isEmpty();
    assertThat(allowed.get(2).except()).containsExactly(
        new AccessRules.Rule(List.of("POST"), List.of("/api/v1/content/engagement"), "engagement:write"),
        new AccessRules.Rule(List.of("POST"), List.of("/api/v1/content/items/{id}/publish",
            "/api/v1/content/items/{id}/deliveries/{channel}/retry"), "content:publish"));
  }

  @Test
  void anAnonymousCallerSeesTheEditorialReadsTakenOutOfThePublicOnes() {
    List<AccessRules.Allowed> allowed = rules.allowedFor(Caller.ANONYMOUS);

    assertThat(allowed).extracting(a -> a.rule().scope()).containsExactly("anonymous");
    assertThat(allowed.get(0).except()).containsExactly(new AccessRules.Rule(List.of("GET"),
        List.of("/api/v1/content/items", "/api/v1/content/items/**"), "content:write"));
  }

  @Test
  void aRuleAnEarlierBroaderOneCoversForAnotherScopeCarriesItAsWhole() {
    Caller portal = new Caller("portal", Set.of("engagement:write"), 100, "api-key");

    AccessRules.Allowed events = rules.allowedFor(portal).stream()
        .filter(a -> a.rule().paths().contains("/api/v1/events/{id}")).findFirst().orElseThrow();

    assertThat(events.except()).containsExactly(
        new AccessRules.Rule(List.of("GET"), List.of("/api/v1/events/**"), "registration:write"));
  }
}
