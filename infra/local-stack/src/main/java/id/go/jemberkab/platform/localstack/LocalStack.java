package id.go.jemberkab.platform.localstack;

import id.go.jemberkab.platform.contracts.TopicSpec;
import id.go.jemberkab.platform.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the embedded backbone, one component per process so each can be stopped on its own:
 * <pre>
 *   java -jar local-stack-exec.jar kafka     # KRaft broker on $KAFKA_PORT (9092), creates the declared topics
 *   java -jar local-stack-exec.jar mongo     # MongoDB wire server on $MONGO_PORT (27017), H2 file
 *                                            # (MONGO_STORE=memory: in memory, nothing survives a stop)
 *   java -jar local-stack-exec.jar topics    # prints the topic declaration as kafka-topics.sh commands
 * </pre>
 * Data lives under {@code $PLATFORM_DATA} (default {@code .platform/data}).
 */
public final class LocalStack {

  /** Printed once a component serves clients; {@code ./platform up} waits for it. */
  static final String READY = "LOCAL STACK READY";

  private LocalStack() {
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      usage();
    }
    Map<String, String> env = System.getenv();
    String host = env.getOrDefault("LOCAL_STACK_HOST", "127.0.0.1");
    Path data = Path.of(env.getOrDefault("PLATFORM_DATA", ".platform/data"));
    long started = System.nanoTime();
    try {
      switch (args[0]) {
        case "kafka" -> {
          int port = port(env, "KAFKA_PORT", 9092);
          KafkaBroker broker = new KafkaBroker(host, port, port(env, "KAFKA_CONTROLLER_PORT", 9093),
              data.resolve("kafka")).start();
          Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-shutdown"));
          List<String> created = TopicProvisioner.createMissing(broker.bootstrapServers(), Topics.all(), (short) 1);
          System.out.printf("%s kafka on %s in %d ms; topics: %d declared, %d created%n", READY,
              broker.bootstrapServers(), millisSince(started), Topics.all().size(), created.size());
        }
        case "mongo" -> {
          boolean inMemory = switch (env.getOrDefault("MONGO_STORE", "file")) {
            case "file" -> false;
            case "memory" -> true;
            default -> throw new IllegalArgumentException("MONGO_STORE is '" + env.get("MONGO_STORE")
                + "'; use file (the default: data survives restarts) or memory");
          };
          Path file = data.resolve("mongo").resolve("platform.mv.db");
          if (!inMemory && Files.exists(file)) {
            System.out.println("mongo: opening " + file + " and rebuilding its indexes (time grows with the data)");
          }
          // the write-ahead log's rotation size is a property for tests, which rotate it within seconds
          MongoStore mongo = new MongoStore(host, port(env, "MONGO_PORT", 27017), inMemory ? null : file,
              Long.getLong("local-stack.mongo.log-rotate-bytes", StoreBackend.DEFAULT_LOG_ROTATE_BYTES)).start();
          Runtime.getRuntime().addShutdownHook(new Thread(mongo::stop, "mongo-shutdown"));
          System.out.printf("%s mongo on %s in %d ms%s%n", READY, mongo.connectionString(), millisSince(started),
              inMemory ? " (in memory: nothing survives a stop)" : "");
        }
        case "topics" -> {
          printTopicCommands();
          return;
        }
        default -> usage();
      }
    } catch (RuntimeException e) {
      System.err.println("local stack: " + args[0] + " failed to start: " + rootMessage(e));
      System.exit(1);
    }
    new CountDownLatch(1).await();
  }

  private static void printTopicCommands() {
    for (TopicSpec topic : Topics.all()) {
      StringBuilder line = new StringBuilder("kafka-topics.sh --bootstrap-server \"$KAFKA_BOOTSTRAP\" --create "
          + "--if-not-exists --topic " + topic.name() + " --partitions " + topic.partitions()
          + " --replication-factor \"${REPLICATION:-3}\"");
      topic.configs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(c -> line.append(
          " --config ").append(c.getKey()).append('=').append(
              c.getKey().equals("min.insync.replicas") ? "\"${MIN_ISR:-2}\"" : c.getValue()));
      System.out.println(line);
    }
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return e == root ? message : e.getMessage() + " (" + message + ")";
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static void usage() {
    System.err.println("usage: local-stack kafka|mongo|topics");
    System.exit(2);
  }
}
