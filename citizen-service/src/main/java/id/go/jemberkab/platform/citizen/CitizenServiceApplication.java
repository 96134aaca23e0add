package id.go.jemberkab.platform.citizen;

import id.go.jemberkab.platform.contracts.ApiDocuments;
import io.swagger.v3.oas.models.OpenAPI;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** citizen-service: the citizen registry keyed by NIK, service requests, event registrations. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CitizenServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(CitizenServiceApplication.class, args);
  }

  /** This component's OpenAPI document ({@link ApiDocuments}). */
  @Bean
  OpenAPI openApi() {
    return ApiDocuments.of("citizen-service",
        "The citizen registry keyed by NIK, service requests with their SLAs (and Open311), and registrations"
            + " for events such as webinars.");
  }
}
