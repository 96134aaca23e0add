package id.go.jemberkab.platform.content;

import id.go.jemberkab.platform.contracts.ApiDocuments;
import io.swagger.v3.oas.models.OpenAPI;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** content-service: news, announcements, programmes and local products, their channels and engagement. */
@SpringBootApplication
@EnableScheduling
public class ContentServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ContentServiceApplication.class, args);
  }

  /** This component's OpenAPI document ({@link ApiDocuments}). */
  @Bean
  OpenAPI openApi() {
    return ApiDocuments.of("content-service",
        "News, announcements, development programmes, local products and event pages: the editorial workflow,"
            + " the public portal API, distribution to the channels and the engagement intake.");
  }
}
