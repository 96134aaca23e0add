package id.go.jemberkab.platform.content;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** content-service: news, announcements, programmes and local products, their channels and engagement. */
@SpringBootApplication
@EnableScheduling
public class ContentServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ContentServiceApplication.class, args);
  }
}
