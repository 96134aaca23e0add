package id.go.jemberkab.platform.gateway.routing;

import io.micrometer.observation.ObservationPredicate;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud Gateway's routing filter and response writer, given the platform's header rules
 * ({@link ProxyHeadersFilter}) instead of every {@link HttpHeadersFilter} bean in the context. The stock pair is
 * switched off in {@code application.yml} ({@code global-filter.netty-routing.enabled: false} turns off both).
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

  /**
   * Responses only: every request's headers already went through {@link ProxyHeadersFilter#stripInbound} in the
   * access filter, which no call reaches a route without.
   */
  private static final List<HttpHeadersFilter> HEADER_RULES = List.of(ProxyHeadersFilter.outbound());

  @Bean
  NettyRoutingFilter platformRoutingFilter(HttpClient gatewayHttpClient, HttpClientProperties properties) {
    return new NettyRoutingFilter(gatewayHttpClient, headerRules(), properties);
  }

  /** Every connection to a service gets {@link StalledResponses}: a body that stops arriving is cut off. */
  @Bean
  HttpClientCustomizer stalledResponses(id.go.jemberkab.platform.gateway.access.GatewayProperties gateway) {
    Duration idle = gateway.responseIdleTimeout();
    return client -> client.doOnChannelInit((observer, channel, address) -> StalledResponses.install(channel, idle));
  }

  @Bean
  NettyWriteResponseFilter platformWriteResponseFilter(GatewayProperties properties) {
    return new NettyWriteResponseFilter(properties.getStreamingMediaTypes(), headerRules());
  }

  /**
   * Spring's {@code http.server.requests} for the calls the gateway answers itself (actuator, probes, API documents,
   * client administration, allowed operations), not for the paths its routes take: those are measured once, with
   * route, status and client, as {@code spring_cloud_gateway_requests}, and calls refused before a route as
   * {@code gateway_refusals_total{routed="true"}}. The second observation of every routed call cost about a tenth
   * of the gateway's CPU per call. The rules in {@code infra/prometheus/rules/http.yml} add the three up.
   */
  @Bean
  ObservationPredicate ownAnswersOnly(RoutedPaths routed) {
    return (name, context) -> !(context instanceof ServerRequestObservationContext server)
        || !routed.contains(server.getCarrier().getPath().pathWithinApplication());
  }

  private static ObjectProvider<List<HttpHeadersFilter>> headerRules() {
    return new ObjectProvider<>() {
      @Override
      public List<HttpHeadersFilter> getObject() {
        return HEADER_RULES;
      }

      @Override
      public List<HttpHeadersFilter> getIfAvailable() {
        return HEADER_RULES;
      }
    };
  }
}
