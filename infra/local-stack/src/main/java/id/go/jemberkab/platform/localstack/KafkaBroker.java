package id.go.jemberkab.platform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker in KRaft mode, broker and controller in one node, inside this JVM. Its log
 * directory is formatted once and reused, so topics and records survive a restart on the same ports.
 */
public final class KafkaBroker implements AutoCloseable {

  private final String host;
  private final int port;
  private final int controllerPort;
  private final Path logDir;
  private KafkaRaftServer server;

  public KafkaBroker(String host, int port, int controllerPort, Path logDir) {
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
    this.logDir = logDir;
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  public int port() {
    return port;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Formats the log directory on first use, then starts the node; returns once it accepts clients. */
  public synchronized KafkaBroker start() {
    if (server != null) {
      return this;
    }
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KafkaConfig config = KafkaConfig.fromProps(properties());
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      try {
        new Formatter()
            .setPrintStream(System.out)
            .setClusterId(Uuid.randomUuid().toString())
            .setNodeId(1)
            .setControllerListenerName("CONTROLLER")
            .setMetadataLogDirectory(logDir.toString())
            .setDirectories(List.of(logDir.toString()))
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .run();
      } catch (Exception e) {
        throw new IllegalStateException("could not format the Kafka log directory " + logDir, e);
      }
    }
    KafkaRaftServer raft = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      raft.startup();
    } catch (RuntimeException e) {
      raft.shutdown();
      throw e;
    }
    server = raft;
    return this;
  }

  /** Stops the node and waits until its ports are released. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  @Override
  public void close() {
    stop();
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // The platform declares its topics (Topics); a typo in a producer must not invent a new one.
    p.put("auto.create.topics.enable", "false");
    return p;
  }
}
