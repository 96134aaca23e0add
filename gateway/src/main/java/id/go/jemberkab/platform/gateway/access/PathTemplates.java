package id.go.jemberkab.platform.gateway.access;

import java.util.Set;

/**
 * The path of a call as a template for audit records. Only the words of the platform's own API paths, and
 * version segments ({@code v1}), stay as written; every other segment becomes {@code {id}}, with a
 * {@code .json} suffix (Open311) kept. A closed list, not a guess at what looks like an id: a slug, a name or
 * an e-mail typed into a URL never reaches the audit, whatever its shape. A new endpoint's words are added
 * to {@link #WORDS}; {@code PathTemplatesTest} fails until they are.
 */
public final class PathTemplates {

  /** The literal segments of every path the gateway routes or serves itself. */
  static final Set<String> WORDS = Set.of(
      // roots and the gateway's own paths
      "api", "open311", "actuator", "health", "liveness", "readiness", "livez", "readyz", "prometheus", "info", "api-docs",
      "citizen", "swagger-ui", "swagger-ui.html", "swagger-config", "index.html", "me", "operations", "clients",
      "keys",
      // citizen-service
      "citizens", "imports", "errors", "lookup", "consents", "regions", "service-requests", "service-catalogue",
      "status", "supporters", "events", "registrations", "accept", "cancel", "check-in", "decline", "requests",
      "services",
      // content-service
      "content", "items", "engagement", "editions", "history", "submit", "approve", "reject", "schedule", "publish",
      "unpublish", "deliveries", "retry",
      // analytics-service
      "analytics", "citizen-registrations", "registration-funnel", "followers", "posts", "top", "export", "stream",
      "dead-letters", "replay");
  private static final int MAX_SEGMENTS = 12;

  private PathTemplates() {
  }

  public static String of(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return "/";
    }
    StringBuilder template = new StringBuilder();
    int kept = 0;
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (++kept > MAX_SEGMENTS) {
        template.append("/…");
        break;
      }
      template.append('/');
      boolean json = segment.endsWith(".json");
      String word = json ? segment.substring(0, segment.length() - ".json".length()) : segment;
      if (WORDS.contains(segment) || version(segment)) {
        template.append(segment);
      } else if (json) {
        template.append(WORDS.contains(word) ? word : "{id}").append(".json");
      } else {
        template.append("{id}");
      }
    }
    return template.isEmpty() ? "/" : template.toString();
  }

  /** {@code v1} to {@code v99}: checked by hand, as a regular expression's matcher cost more than the rest. */
  static boolean version(String segment) {
    int length = segment.length();
    if (length < 2 || length > 3 || segment.charAt(0) != 'v') {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = segment.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
