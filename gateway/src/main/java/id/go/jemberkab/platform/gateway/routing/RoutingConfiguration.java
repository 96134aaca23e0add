package id.go.jemberkab.platform.gateway.routing;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

  @Bean
  NettyWriteResponseFilter platformWriteResponseFilter(GatewayProperties properties) {
    return new NettyWriteResponseFilter(properties.getStreamingMediaTypes(), headerRules());
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
