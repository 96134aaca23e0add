package id.go.jemberkab.platform.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

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
}
