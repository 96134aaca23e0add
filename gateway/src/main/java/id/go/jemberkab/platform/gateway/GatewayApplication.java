package id.go.jemberkab.platform.gateway;

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

/** The gateway: the platform's only door for department systems, the portal and analysts. */
@SpringBootApplication
public class GatewayApplication {

  public static void main(String[] args) {
    // Reactor Netty's default is max(cores, 4) event loops: on a 2-core node the two extra loops only take
    // turns on the same cores, and the switching cost a sixth of the gateway's CPU per call. One per core.
    if (System.getProperty("reactor.netty.ioWorkerCount") == null) {
      System.setProperty("reactor.netty.ioWorkerCount",
          Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
    SpringApplication.run(GatewayApplication.class, args);
  }

  /**
   * The API's name, how callers authenticate, and a relative server: Swagger UI then calls the origin it was
   * loaded from (the gateway, which serves every service's document), never a service's own address.
   */
  @Bean
  OpenAPI openApi() {
    return new OpenAPI().info(new Info().title("Jember Integration Platform: gateway").version("v1")
            .description("The client administration API and the operations each client may call. The "
                + "services' own APIs are listed beside it. Call it through the gateway with an "
                + "X-API-Key or an OAuth2 Bearer token."))
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
