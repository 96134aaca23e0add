package id.go.jemberkab.platform.gateway.access;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings ({@code platform.gateway.*}).
 *
 * @param maxBodySize request bodies above this answer 413
 * @param largeBodyPaths path patterns allowed up to {@code maxLargeBodySize} (CSV imports)
 * @param anonymousPerMinute calls per minute per source address without credentials
 * @param trustedProxies addresses or CIDR ranges of the proxies in front of the gateway (an ingress controller, a
 *     load balancer), whose {@code X-Forwarded-For} names the source address ({@link SourceAddress}); empty: the
 *     TCP peer is the source
 * @param keyOverlap how long earlier keys keep working after a rotation, unless the call says otherwise
 * @param auditQueue audit records held while Kafka is slow or away
 * @param demoClients on the embedded default's first start, register the demo clients and write their keys
 *     to this directory ({@code ./platform key CLIENT} reads them); empty: no demo clients
 * @param responseIdleTimeout a service's answer whose body brings nothing this long, once its headers came, is cut off
 *     ({@code routing.StalledResponses})
 */
@ConfigurationProperties("platform.gateway")
public record GatewayProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("") List<String> largeBodyPaths,
    @DefaultValue("1GB") DataSize maxLargeBodySize, @DefaultValue("60") int anonymousPerMinute,
    @DefaultValue("600") int refusalsPerMinute,
    @DefaultValue("") List<String> trustedProxies, @DefaultValue("24h") Duration keyOverlap, @DefaultValue("100000") int auditQueue, Jwt jwt, Path demoClients,
    @DefaultValue("30s") Duration responseIdleTimeout) {

  public GatewayProperties {
    if (responseIdleTimeout.isNegative() || responseIdleTimeout.isZero()) {
      throw new IllegalArgumentException("platform.gateway.response-idle-timeout must be positive, not "
          + responseIdleTimeout);
    }
    largeBodyPaths = largeBodyPaths == null ? List.of() : largeBodyPaths.stream().filter(p -> !p.isBlank()).toList();
    trustedProxies = trustedProxies == null ? List.of() : trustedProxies.stream().filter(p -> !p.isBlank()).toList();
  }

  /** OAuth2 client-credentials tokens: accepted only when {@code jwksUri} is set. */
  public record Jwt(String jwksUri, String issuer, String audience) {
  }
}
