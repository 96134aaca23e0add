package id.go.jemberkab.platform.localstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * A MongoDB wire-protocol server (mongo-java-server) for the embedded default: an H2 file when given a
 * path, so data survives restarts; in memory otherwise. No transactions, sessions or change streams.
 */
public final class MongoStore implements AutoCloseable {

  /**
   * H2's defaults (a 16 MB page cache, a 1 MB write buffer) make a store of a regency's population re-read and
   * re-write the same index pages over and over; these keep the working set of a few million citizens in memory
   * and write in larger chunks. The write still reaches the file within a second (H2's auto-commit delay).
   */
  static final int CACHE_MB = 256;
  static final int COMMIT_BUFFER_KB = 16 * 1024;

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
      MVStore store = null;
      try {
        store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB)
            .autoCommitBufferSize(COMMIT_BUFFER_KB).open();
        // opening its databases reads every index page: a damaged file is often found here, not by open()
        backend = new StoreBackend(store);
      } catch (org.h2.mvstore.MVStoreException damaged) {
        if (store != null) {
          store.closeImmediately();
        }
        throw new IllegalStateException("the store file " + file + " cannot be read: it is damaged; move it aside "
            + "and start again (docs/operators.md, \"A damaged embedded store\")", damaged);
      }
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
  static String hello(String command) {
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
