package id.go.jemberkab.platform.gateway.access;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The scope each operation needs ({@code platform.gateway.access.rules}), first match wins. Two scope words
 * are special: {@code anonymous} (anyone, no credentials) and {@code authenticated} (any registered client).
 * A path no rule names is not served.
 */
@ConfigurationProperties("platform.gateway.access")
public class AccessRules {

  public static final String ANONYMOUS = "anonymous";
  public static final String AUTHENTICATED = "authenticated";

  private final List<Rule> rules;
  private final List<List<PathPattern>> patterns;

  public AccessRules(List<Rule> rules) {
    this.rules = rules == null ? List.of() : List.copyOf(rules);
    this.patterns = this.rules.stream()
        .map(r -> r.paths().stream().map(PathPatternParser.defaultInstance::parse).toList()).toList();
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The first rule for this method and path, or null. */
  public Rule match(String method, PathContainer path) {
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (rule.methods().contains("*") || rule.methods().contains(method)) {
        for (PathPattern pattern : patterns.get(i)) {
          if (pattern.matches(path)) {
            return rule;
          }
        }
      }
    }
    return null;
  }

  /** Whether a caller with these scopes may call what the rule guards. */
  public static boolean allows(Rule rule, Caller caller) {
    return switch (rule.scope()) {
      case ANONYMOUS -> true;
      case AUTHENTICATED -> !caller.anonymous();
      default -> caller.scopes().contains(rule.scope());
    };
  }

  /**
   * @param methods HTTP methods, or {@code *} for all
   * @param paths Spring path patterns ({@code /api/v1/citizens/{id}}, {@code /open311/**})
   * @param scope the scope a caller needs, or {@code anonymous} / {@code authenticated}
   */
  public record Rule(List<String> methods, List<String> paths, String scope) {

    public Rule {
      methods = methods == null || methods.isEmpty() ? List.of("*")
          : methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
      if (paths == null || paths.isEmpty() || scope == null || scope.isBlank()) {
        throw new IllegalArgumentException("an access rule needs paths and a scope: " + paths + " " + scope);
      }
      paths = List.copyOf(paths);
    }
  }
}
