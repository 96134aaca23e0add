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
   * H2's default 16 MB page cache makes a store of a regency's population re-read the same index pages over and
   * over; this keeps the working set of a few million citizens in memory. H2's own commits are off (its background
   * one entirely, the one when its write buffer fills up to a single huge command): the backend logs each write
   * command before answering it and commits between commands ({@link StoreBackend}).
   */
  static final int CACHE_MB = 256;

  private final String host;
  private final int port;
  private final Path file;
  private final long logRotateBytes;
  private MongoServer server;

  public MongoStore(String host, int port, Path file) {
    this(host, port, file, StoreBackend.DEFAULT_LOG_ROTATE_BYTES);
  }

  /** With the write-ahead log ({@link WriteAheadLog}) started anew once it grows past {@code logRotateBytes}. */
  MongoStore(String host, int port, Path file, long logRotateBytes) {
    this.host = host;
    this.port = port;
    this.file = file;
    this.logRotateBytes = logRotateBytes;
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
        store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB).autoCommitDisabled()
            .autoCommitBufferSize(StoreBackend.h2WriteBufferKb(CACHE_MB)).open();
        // opening its databases reads every index page: a damaged file is often found here, not by open()
        backend = new StoreBackend(store, file.resolveSibling(file.getFileName() + ".log"), logRotateBytes);
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
