package id.go.jemberkab.platform.gateway.access;

import java.util.ArrayList;
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
  /** The scope of the client administration. */
  public static final String ADMIN_SCOPE = "platform:admin";

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

  /**
   * The methods some rule takes at this path, in the rules' order; empty when none does (a path no operation has).
   * Called only when {@link #match} found nothing, so a rule for every method ({@code *}) never matches here.
   */
  public java.util.Set<String> methodsAt(PathContainer path) {
    java.util.Set<String> methods = new java.util.LinkedHashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      for (PathPattern pattern : patterns.get(i)) {
        if (pattern.matches(path)) {
          methods.addAll(rules.get(i).methods());
          break;
        }
      }
    }
    methods.remove("*");
    return methods;
  }

  /**
   * What the caller may call: each rule its scopes satisfy, with the parts of it that an earlier rule the caller
   * does not satisfy takes first (first match wins: {@code POST /api/v1/content/**} for {@code content:write}, but
   * not {@code POST /api/v1/content/items/{id}/publish}, which needs {@code content:publish}).
   */
  public List<Allowed> allowedFor(Caller caller) {
    List<Allowed> allowed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (!allows(rule, caller)) {
        continue;
      }
      List<Rule> except = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        Rule earlier = rules.get(j);
        List<String> methods = commonMethods(earlier.methods(), rule.methods());
        if (allows(earlier, caller) || methods.isEmpty()) {
          continue;
        }
        List<String> paths = new ArrayList<>();
        for (int p = 0; p < earlier.paths().size(); p++) {
          PathPattern taken = patterns.get(j).get(p);
          if (patterns.get(i).stream().anyMatch(own -> overlap(taken, own))) {
            paths.add(earlier.paths().get(p));
          }
        }
        if (!paths.isEmpty()) {
          except.add(new Rule(methods, paths, earlier.scope()));
        }
      }
      allowed.add(new Allowed(rule, except));
    }
    return allowed;
  }

  /** A rule the caller satisfies, and the earlier rules it does not that take part of it. */
  public record Allowed(Rule rule, List<Rule> except) {
  }

  private static List<String> commonMethods(List<String> a, List<String> b) {
    if (a.contains("*")) {
      return b;
    }
    if (b.contains("*")) {
      return a;
    }
    return a.stream().filter(b::contains).toList();
  }

  /**
   * Whether some path matches both patterns. Tried on a path each pattern matches by construction (every variable
   * and wildcard segment an "x", a trailing {@code **} nothing): exact for the platform's patterns, where one
   * pattern is always a prefix or an instance of the other.
   */
  static boolean overlap(PathPattern a, PathPattern b) {
    return b.matches(PathContainer.parsePath(instance(a))) || a.matches(PathContainer.parsePath(instance(b)));
  }

  private static String instance(PathPattern pattern) {
    StringBuilder path = new StringBuilder();
    for (String segment : pattern.getPatternString().split("/")) {
      if (segment.isEmpty() || segment.equals("**") || segment.startsWith("{*")) {
        continue;
      }
      path.append('/').append(segment.contains("{") || segment.contains("*") ? "x" : segment);
    }
    return path.isEmpty() ? "/" : path.toString();
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
