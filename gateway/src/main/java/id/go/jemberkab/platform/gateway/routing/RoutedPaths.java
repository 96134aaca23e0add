package id.go.jemberkab.platform.gateway.routing;

import java.util.Arrays;
import java.util.List;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The paths the routes take (their {@code Path} predicates in {@code application.yml}). A call on one of them is
 * measured as {@code spring_cloud_gateway_requests} once routed, or as a refusal before; a call on any other path
 * is the gateway's own answer, measured as {@code http_server_requests}.
 */
@Component
public class RoutedPaths {

  private final List<PathPattern> patterns;

  public RoutedPaths(GatewayProperties gateway) {
    this.patterns = gateway.getRoutes().stream()
        .flatMap(route -> route.getPredicates().stream())
        .filter(predicate -> predicate.getName().equals("Path"))
        .flatMap(predicate -> predicate.getArgs().values().stream())
        .flatMap(values -> Arrays.stream(values.split(",")))
        .map(String::trim)
        .filter(pattern -> !pattern.isEmpty())
        .map(PathPatternParser.defaultInstance::parse)
        .toList();
  }

  public boolean contains(PathContainer path) {
    for (PathPattern pattern : patterns) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
