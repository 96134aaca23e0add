package id.go.jemberkab.platform.citizen;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** citizen-service: the citizen registry keyed by NIK, service requests, event registrations. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CitizenServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(CitizenServiceApplication.class, args);
  }
}
