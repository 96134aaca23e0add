package id.go.jemberkab.platform.content;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.UsesBackbone;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service starts against a real Mongo server and answers health, metrics and problems. */
@UsesBackbone
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContentServiceIT {

  @LocalServerPort
  int port;

  @Test
  void isReadyWithMongoUpAndExposesPrometheus() {
    HttpResponse<String> health = Http.get("http://localhost:" + port + "/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(Http.get("http://localhost:" + port + "/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(Http.get("http://localhost:" + port + "/actuator/prometheus").body())
        .contains("application=\"content-service\"");
  }

  @Test
  void answersAnUnknownPathWithAProblemNotAStackTrace() {
    HttpResponse<String> response = Http.get("http://localhost:" + port + "/api/v1/content/nothing");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
  }
}
