package id.go.jemberkab.platform.citizen.outbox;

import id.go.jemberkab.platform.outbox.OutboxRelay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.citizen.CitizenServiceApplication;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.testsupport.Backbone;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.SampleCitizens;
import id.go.jemberkab.platform.testsupport.Scratch;
import id.go.jemberkab.platform.testsupport.TopicReader;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * The process dies between the write and the send: a real citizen-service JVM whose relay halts the
 * process at its first send. After a restart the event is delivered, once.
 */
class RelayCrashIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String DATABASE = "relay-crash";

  @Test
  void deliversTheEventOfAWriteOnceAfterTheProcessDiedBeforeSendingIt() throws Exception {
    Backbone backbone = Backbone.get();
    int port = Backbone.freePort();
    Path scratch = Scratch.directory("relay-crash");
    Path log = scratch.resolve("doomed.log");
    Path crashNow = scratch.resolve("crash-now");
    Process doomed = new ProcessBuilder(javaCommand(port, backbone, crashNow))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      String base = "http://localhost:" + port;
      await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
          .until(() -> Http.get(base + "/actuator/health/readiness").statusCode() == 200);

      HttpResponse<String> created = Http.post(base + "/api/v1/citizens", SampleCitizens.registration("35.09.19.1001"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String citizenRef = JSON.readTree(created.body()).path("citizenRef").asString();
      Files.createFile(crashNow); // the write is acknowledged: now the relay, blocked in its send, dies

      assertThat(doomed.waitFor(60, TimeUnit.SECONDS)).as("the relay halted the process").isTrue();
      assertThat(doomed.exitValue()).as(Files.readString(log)).isEqualTo(HaltingKafka.EXIT_CODE);
      assertThat(eventsFor(backbone, citizenRef)).as("nothing was sent before the crash").isEmpty();

      try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(CitizenServiceApplication.class)
          .web(WebApplicationType.NONE)
          .run(arguments(backbone).toArray(String[]::new))) {
        MongoTemplate mongo = restarted.getBean(MongoTemplate.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(
            OutboxRelay.pending(), "citizens") == 0);
      }
      List<ConsumerRecord<String, byte[]>> events = eventsFor(backbone, citizenRef);
      assertThat(events).hasSize(1);
      assertThat(CloudEventHeaders.read(events.get(0)).subject()).isEqualTo(citizenRef);
    } finally {
      doomed.destroyForcibly();
    }
  }

  private static List<ConsumerRecord<String, byte[]>> eventsFor(Backbone backbone, String citizenRef) {
    return TopicReader.readAll(backbone.kafkaBootstrap(), "citizen.registry.v1").stream()
        .filter(r -> citizenRef.equals(r.key()))
        .toList();
  }

  private static List<String> arguments(Backbone backbone) {
    return List.of("--spring.kafka.bootstrap-servers=" + backbone.kafkaBootstrap(),
        "--spring.mongodb.uri=" + backbone.mongoUri(), "--spring.mongodb.database=" + DATABASE,
        "--platform.outbox.sweep-interval=200ms");
  }

  private static List<String> javaCommand(int port, Backbone backbone, Path crashNow) {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-D" + HaltingKafka.CRASH_SIGNAL + "=" + crashNow,
        "-cp", classpath, HaltingKafka.class.getName(), "--server.port=" + port));
    command.addAll(arguments(backbone));
    return command;
  }

  /**
   * citizen-service whose Kafka producer, at its first send, waits for the test's signal (a file appearing,
   * so the HTTP answer can go out first) and then halts the JVM as a power cut would.
   */
  @Configuration(proxyBeanMethods = false)
  public static class HaltingKafka {

    static final int EXIT_CODE = 137;
    static final String CRASH_SIGNAL = "relay-crash.signal";

    public static void main(String[] args) {
      SpringApplication.run(new Class<?>[] {CitizenServiceApplication.class, HaltingKafka.class}, args);
    }

    @Bean
    @Primary
    @SuppressWarnings("unchecked")
    KafkaOperations<String, byte[]> haltingKafka() {
      return (KafkaOperations<String, byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {KafkaOperations.class}, (proxy, method, args) -> {
            if (method.getName().equals("send")) {
              awaitFile(Path.of(System.getProperty(CRASH_SIGNAL)));
              Runtime.getRuntime().halt(EXIT_CODE);
            }
            throw new UnsupportedOperationException(method.getName());
          });
    }

    private static void awaitFile(Path file) throws java.io.IOException, InterruptedException {
      try (java.nio.file.WatchService watcher = file.getFileSystem().newWatchService()) {
        file.getParent().register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
        while (!Files.exists(file)) {
          watcher.poll(1, TimeUnit.SECONDS);
        }
      }
    }
  }
}
