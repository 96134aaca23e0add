package id.go.jemberkab.platform.testsupport;

import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.localstack.KafkaBroker;
import id.go.jemberkab.platform.localstack.MongoStore;
import id.go.jemberkab.platform.localstack.TopicProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The Kafka broker and MongoDB server integration tests run against, one pair per test JVM: pinned
 * Testcontainers images (MongoDB as a replica set) where a Docker engine answers, the embedded local
 * stack (a real KRaft broker, mongo-java-server) otherwise. Tests ask for a bootstrap and a URI and do
 * not care which. The declared topics exist before the first test.
 */
public final class Backbone {

  /** Pinned images, the same as the docker-compose stack. */
  public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
  public static final String MONGO_IMAGE = "mongo:8.0.16";

  private static final Logger log = LoggerFactory.getLogger(Backbone.class);
  private static volatile Backbone shared;

  private final String kind;
  private final String kafkaBootstrap;
  private final String mongoUri;

  private Backbone(String kind, String kafkaBootstrap, String mongoUri) {
    this.kind = kind;
    this.kafkaBootstrap = kafkaBootstrap;
    this.mongoUri = mongoUri;
  }

  /** The JVM-wide backbone, started on first use and stopped when the JVM exits. */
  public static Backbone get() {
    Backbone b = shared;
    if (b == null) {
      synchronized (Backbone.class) {
        if (shared == null) {
          shared = start();
        }
        b = shared;
      }
    }
    return b;
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  public String mongoUri() {
    return mongoUri;
  }

  /** {@code testcontainers} or {@code embedded}. */
  public String kind() {
    return kind;
  }

  /**
   * A broker of the test's own, always embedded, on fixed ports with its own log directory, so the test
   * can stop it and start it again at the same address (a container's mapped port changes on restart).
   * Its topics are created; the caller closes it.
   */
  public static KafkaBroker privateBroker() {
    int[] ports = freePorts(2);
    KafkaBroker broker = broker("private-kafka", ports[0], ports[1]);
    TopicProvisioner.createMissing(broker.bootstrapServers(), Topics.all(), (short) 1);
    return broker;
  }

  public static int freePort() {
    return freePorts(1)[0];
  }

  /**
   * {@code n} different free ports. Asked one after another, the system may hand out the port it just took back:
   * a broker once got the same port for its two listeners and would not start.
   */
  public static int[] freePorts(int n) {
    ServerSocket[] sockets = new ServerSocket[n];
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          try {
            socket.close();
          } catch (IOException ignored) {
            // the port is free either way once the process ends
          }
        }
      }
    }
  }

  private static Backbone start() {
    Backbone backbone = dockerAvailable() ? containers() : embedded();
    TopicProvisioner.createMissing(backbone.kafkaBootstrap, Topics.all(), (short) 1);
    log.info("test backbone: {} (kafka {}, mongo {})", backbone.kind, backbone.kafkaBootstrap, backbone.mongoUri);
    return backbone;
  }

  private static boolean dockerAvailable() {
    boolean socket = java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
    if (Boolean.getBoolean("backbone.embedded") || (!socket && System.getenv("DOCKER_HOST") == null)) {
      return false; // no engine to ask: skip Testcontainers' probing and its error log
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // stopped by the JVM shutdown hook
  private static Backbone containers() {
    KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
    MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE).withReplicaSet();
    kafka.start();
    mongo.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.stop();
      mongo.stop();
    }, "backbone-shutdown"));
    return new Backbone("testcontainers", kafka.getBootstrapServers(), mongo.getReplicaSetUrl());
  }

  /** A started embedded broker whose log directory is deleted at exit, once the broker has stopped. */
  private static KafkaBroker broker(String kind, int port, int controllerPort) {
    return Scratch.owning(kind, dir -> new KafkaBroker("127.0.0.1", port, controllerPort, dir), KafkaBroker::stop)
        .start();
  }

  private static Backbone embedded() {
    int[] ports = freePorts(3);
    KafkaBroker kafka = broker("backbone-kafka", ports[0], ports[1]);
    MongoStore mongo = new MongoStore("127.0.0.1", ports[2], null).start();
    Runtime.getRuntime().addShutdownHook(new Thread(mongo::stop, "backbone-shutdown"));
    return new Backbone("embedded", kafka.bootstrapServers(), mongo.connectionString());
  }

}
