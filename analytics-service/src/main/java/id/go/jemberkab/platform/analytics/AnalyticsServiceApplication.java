package id.go.jemberkab.platform.analytics;

import id.go.jemberkab.platform.contracts.ApiDocuments;
import io.swagger.v3.oas.models.OpenAPI;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** analytics-service: live aggregates from the platform's event streams for analysts and Grafana. */
@SpringBootApplication
public class AnalyticsServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(AnalyticsServiceApplication.class, args);
  }

  /** This component's OpenAPI document ({@link ApiDocuments}). */
  @Bean
  OpenAPI openApi() {
    return ApiDocuments.of("analytics-service",
        "Live aggregates of the platform's events for analysts: engagement, followers, posts, service "
            + "requests, registrations; JSON, CSV and Server-Sent Events.");
  }
}
