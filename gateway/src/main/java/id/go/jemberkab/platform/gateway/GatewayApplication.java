package id.go.jemberkab.platform.gateway;

import id.go.jemberkab.platform.contracts.ApiDocuments;
import io.swagger.v3.oas.models.OpenAPI;
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
    // Netty 4.2's default buffer allocator (adaptive) cost the gateway 9-14 % more CPU per proxied call than the
    // pooled one in three paired runs of ./platform bench on 2 cores; set before Netty reads it
    if (System.getProperty("io.netty.allocator.type") == null) {
      System.setProperty("io.netty.allocator.type", "pooled");
    }
    SpringApplication.run(GatewayApplication.class, args);
  }

  /** This component's OpenAPI document ({@link ApiDocuments}). */
  @Bean
  OpenAPI openApi() {
    return ApiDocuments.of("gateway",
        "The client administration API and the operations each client may call. The services' own APIs are "
            + "listed beside it.");
  }
}
