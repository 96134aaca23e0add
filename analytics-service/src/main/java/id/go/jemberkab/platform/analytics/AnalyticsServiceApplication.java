package id.go.jemberkab.platform.analytics;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** analytics-service: live aggregates from the platform's event streams for analysts and Grafana. */
@SpringBootApplication
public class AnalyticsServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(AnalyticsServiceApplication.class, args);
  }

  /**
   * The API's name, how callers authenticate, and a relative server: Swagger UI then calls the origin it was
   * loaded from (the gateway, which serves every service's document), never a service's own address.
   */
  @Bean
  OpenAPI openApi() {
    return new OpenAPI().info(new Info().title("Jember Integration Platform: analytics-service").version("v1")
            .description("Live aggregates of the platform's events for analysts: engagement, followers, "
                + "posts, service requests, registrations; JSON, CSV and Server-Sent Events. Call "
                + "it through the gateway with an X-API-Key or an OAuth2 Bearer token."))
        .servers(List.of(new Server().url("/").description("the gateway this document was read through")))
        .components(new Components()
            .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-API-Key"))
            .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT")))
        // either credential, or none for the public reads
        .security(List.of(new SecurityRequirement().addList("apiKey"), new SecurityRequirement().addList("bearer"),
            new SecurityRequirement()));
  }
}
