package id.go.jemberkab.platform.contracts;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;

/**
 * The frame of every component's OpenAPI document: its name, how callers authenticate, and a relative server.
 * Swagger UI then calls the origin it was loaded from (the gateway, which serves every service's document), never
 * a service's own address.
 */
public final class ApiDocuments {

  private ApiDocuments() {
  }

  /** The document of {@code component}, described by {@code description}. */
  public static OpenAPI of(String component, String description) {
    return new OpenAPI()
        .info(new Info().title("Jember Integration Platform: " + component).version("v1").description(description
            + " Call it through the gateway with an X-API-Key or an OAuth2 Bearer token."))
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
