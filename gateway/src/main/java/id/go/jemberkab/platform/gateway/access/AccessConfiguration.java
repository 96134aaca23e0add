package id.go.jemberkab.platform.gateway.access;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayTagsProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AccessRules.class, GatewayProperties.class})
class AccessConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * JSON types mean what they say in the administration API, as in the services (api-problems, which is
   * servlet-only): a number is not a name, 1.5 is not a quota, "600" is not a count.
   */
  @Bean
  org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer strictJsonScalars() {
    return builder -> builder
        .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        // "" too: Jackson read it as null, so {"quotaPerMinute":""} silently meant the default
        .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
  }

  @Bean
  BodyDigest bodyDigest(org.springframework.data.mongodb.core.MongoTemplate mongo) {
    return new BodyDigest(mongo);
  }

  @Bean
  RateLimiter rateLimiter() {
    return new RateLimiter(System::nanoTime);
  }

  @Bean
  @ConditionalOnExpression("'${platform.gateway.jwt.jwks-uri:}' != ''")
  JwtVerifier jwtVerifier(GatewayProperties properties) {
    GatewayProperties.Jwt jwt = properties.jwt();
    // blank as well: JWT_ISSUER= in an environment binds an empty string, and every token would then be refused
    if (jwt.issuer() == null || jwt.issuer().isBlank() || jwt.audience() == null || jwt.audience().isBlank()) {
      throw new IllegalStateException("platform.gateway.jwt needs issuer and audience besides jwks-uri");
    }
    return new JwtVerifier(jwt.jwksUri(), jwt.issuer(), jwt.audience());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${spring.kafka.bootstrap-servers:}' != ''")
  AuditLog auditLog(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, GatewayProperties properties,
      JsonMapper json, MeterRegistry meters) {
    return new AuditLog(bootstrap, properties.auditQueue(), json, meters);
  }

  /**
   * The portal's CORS rules ({@code globalcors}) for the gateway's own API too (the allowed operations, the client
   * administration): {@code globalcors} covers the routes only, and a page calling these got no CORS headers.
   */
  @Bean
  org.springframework.web.reactive.config.WebFluxConfigurer ownApiCors(
      java.util.Optional<org.springframework.cloud.gateway.config.GlobalCorsProperties> globalCors) {
    return new org.springframework.web.reactive.config.WebFluxConfigurer() {
      @Override
      public void addCorsMappings(org.springframework.web.reactive.config.CorsRegistry registry) {
        globalCors.map(g -> g.getCorsConfigurations().get("/**")).ifPresent(portal ->
            registry.addMapping("/api/v1/**").combine(portal));
      }
    };
  }

  /** The calling client on the gateway's request metrics: a handful of registered clients, low cardinality. */
  @Bean
  GatewayTagsProvider clientTag() {
    return exchange -> {
      Caller caller = exchange.getAttribute(AccessFilter.CALLER);
      return Tags.of(Tag.of("client", caller == null ? Caller.ANONYMOUS_ID : caller.clientId()));
    };
  }
}
