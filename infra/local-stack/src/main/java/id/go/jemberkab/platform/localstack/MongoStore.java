package id.go.jemberkab.platform.localstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server (mongo-java-server) for the embedded default: an H2 file when given a
 * path, so data survives restarts; in memory otherwise. No transactions, sessions or change streams.
 */
public final class MongoStore implements AutoCloseable {

  private final String host;
  private final int port;
  private final Path file;
  private MongoServer server;

  public MongoStore(String host, int port, Path file) {
    this.host = host;
    this.port = port;
    this.file = file;
  }

  public synchronized MongoStore start() {
    if (server != null) {
      return this;
    }
    MongoBackend backend;
    if (file == null) {
      backend = new MemoryBackend() {
        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
          return super.handleCommand(channel, database, hello(command), query);
        }
      };
    } else {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      backend = new H2Backend(file.toString()) {
        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
          return super.handleCommand(channel, database, hello(command), query);
        }
      };
    }
    MongoServer mongo = new MongoServer(backend);
    mongo.bind(host, port);
    server = mongo;
    return this;
  }

  /**
   * mongo-java-server knows {@code isMaster} but not its successor {@code hello}, which Spring Boot's
   * health check sends; {@code isMaster} answers the same questions for a standalone server.
   */
  private static String hello(String command) {
    return "hello".equalsIgnoreCase(command) ? "ismaster" : command;
  }

  public String connectionString() {
    return "mongodb://" + host + ":" + port;
  }

  public int port() {
    return port;
  }

  /** Closes client connections and flushes the H2 file. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
