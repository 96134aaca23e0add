package id.go.jemberkab.platform.localstack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with its documents kept as BSON ({@link DocumentType}) and its unique indexes
 * under {@link IndexKeyType}. Maps keep H2Backend's names. Documents written before in H2's generic form
 * still read; the layout of each index map is recorded in {@value #LAYOUTS}, and an index still in the generic
 * layout (a file written before) is rewritten once when its collection opens.
 *
 * <p>Nothing it acknowledged is lost when its process is killed ({@link WriteAheadLog}). Write commands run one
 * at a time and each is appended to the log before it is answered; the store commits only between two write
 * commands (once a second, and as soon as H2 holds more than {@link #COMMIT_AT_UNSAVED_BYTES} unwritten),
 * and records in the same commit how far into the log it got. On start, what the log holds past that point is
 * done again. H2's own commits are off ({@link MongoStore}): its background one committed whatever was in memory,
 * so a killed store lost up to a second of acknowledged writes and could keep a document without its index keys
 * (every later delete of it then failed with "Found no position"); the one it makes when its write buffer fills
 * came in the middle of a command, and the commands between the last commit and it were done twice after a kill
 * (an increment counted twice). As H2's background housekeeping stops with its auto-commit, chunks left partly
 * empty are rewritten here every {@value #COMPACT_EVERY_TICKS} commits.
 */
final class StoreBackend extends H2Backend {

  private static final Logger log = LoggerFactory.getLogger(StoreBackend.class);
  static final String LAYOUTS = "jember.index-layouts";
  private static final String COMPACT_KEYS = "compact-keys-1";
  /** Which log generation, and how far into it, the committed store reflects. */
  private static final String LOG_POSITION = "jember.write-ahead-log";

  /** Commands that only read: they are not logged and run beside writes. Any other command counts as a write. */
  private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections",
      "listindexes", "listdatabases", "ismaster", "ping", "buildinfo", "killcursors", "endsessions", "serverstatus",
      "dbstats", "collstats", "whatsmyuri", "getparameter", "getlog", "connectionstatus", "getlasterror",
      "getcmdlineopts", "hostinfo");

  static final long COMMIT_EVERY_MS = 1_000;
  /**
   * Unwritten bytes (H2's estimate) after which the store commits at the end of the write command: an eighth of the
   * heap (96 MB in the 768 MB {@code ./platform} gives it), at most 128 MB. It bounds the heap a burst of writes
   * takes between two once-a-second commits. H2 committed on its own at 19 MB; a commit writes every page changed
   * since the last one once, so fewer cost less: 400,000 replay ids in batches of 100 took 86-156 µs of CPU each
   * here against 147-240 µs with commits at 16 MB (store and client in one process, the collection growing).
   */
  static final int COMMIT_AT_UNSAVED_BYTES = (int) Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 8);
  /**
   * H2's own commit, in the middle of a command, only for a single command that leaves more unwritten than this
   * (an update of a whole large collection): better than running out of heap. A third of what the heap holds
   * beside the page cache, at most 256 MB, at least twice {@link #COMMIT_AT_UNSAVED_BYTES}. Such a command may be
   * partly done twice if the store is killed before its next commit.
   */
  static int h2WriteBufferKb(int cacheMb) {
    long heap = Runtime.getRuntime().maxMemory();
    long beside = (heap - ((long) cacheMb << 20)) / 3;
    return (int) (Math.max(2L * COMMIT_AT_UNSAVED_BYTES, Math.min(256L << 20, beside)) >> 10);
  }

  static final int COMPACT_EVERY_TICKS = 10;
  /** Chunks fuller than this are left alone; emptier ones have their live pages rewritten. */
  private static final int COMPACT_FILL_PERCENT = 80;
  private static final int COMPACT_WRITE_BYTES = 16 * 1024 * 1024;
  static final long DEFAULT_LOG_ROTATE_BYTES = 64L * 1024 * 1024;

  private final ReentrantLock writes = new ReentrantLock();
  private final MVMap<String, Long> logPosition;
  private final long logRotateBytes;
  private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "mongo-store-commit");
    thread.setDaemon(true);
    return thread;
  });
  private WriteAheadLog writeAheadLog;
  private int ticks;
  /** Why the store stopped taking commands: it could not write its log, or H2 closed its file. */
  private volatile RuntimeException broken;

  /** A store without a write-ahead log: commits only when closed (tests that build a file). */
  StoreBackend(MVStore store) {
    this(store, null, DEFAULT_LOG_ROTATE_BYTES);
  }

  /**
   * Opens the store's databases, does again what {@code logFile} holds past the store's last commit, and starts a
   * new log generation; the log is rotated once it grows past {@code logRotateBytes} (at a commit).
   */
  StoreBackend(MVStore store, Path logFile, long logRotateBytes) {
    super(store);
    this.logPosition = store.openMap(LOG_POSITION);
    this.logRotateBytes = logRotateBytes;
    if (logFile != null) {
      replay(logFile);
      committer.scheduleWithFixedDelay(this::tick, COMMIT_EVERY_MS, COMMIT_EVERY_MS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String name) {
    return new Database(name);
  }

  /**
   * mongo-java-server knows {@code isMaster} but not its successor {@code hello}, which Spring Boot's health
   * check sends; {@code isMaster} answers the same questions for a standalone server.
   */
  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    String name = MongoStore.hello(command);
    if (broken != null) {
      throw new MongoServerException("the store stopped taking commands after it could not write its file ("
          + broken + "); restart it: what it acknowledged is in its file and log");
    }
    if (writeAheadLog == null || !writes(name, query)) {
      return super.handleCommand(channel, database, name, query);
    }
    writes.lock();
    try {
      boolean outermost = writes.getHoldCount() == 1;
      if (outermost) {
        // should H2 commit in the middle of this command (one command past its write buffer), the commit says
        // that the log is done up to here, and no command before this one is done again after a kill
        logPosition.put("position", writeAheadLog.end());
      }
      Document reply = null;
      try {
        reply = super.handleCommand(channel, database, name, query);
        return reply;
      } finally {
        if (outermost) {
          logged(database, name, query, reply);
        }
      }
    } finally {
      writes.unlock();
    }
  }

  /**
   * Appends the command to the log, after it ran, so with the ids the server gave; also when it failed, as an
   * unordered insert may have written some documents before its error, and doing it again fails the same way. A
   * store that cannot write its log or its file stops taking commands: what it did since its last commit without
   * being able to log it must not be committed.
   */
  private void logged(String database, String name, Document query, Document reply) {
    if (getMvStore().isClosed()) {
      // H2 closes its file when a commit fails (in this command, or before it): the command did not complete
      broken = new IllegalStateException("the store file was closed after an error");
      log.error("the store file was closed after an error; the store takes no more commands until it is restarted");
      return;
    }
    try {
      writeAheadLog.append(new Document("d", database).append("c", name).append("q", withUpsertedIds(name, query,
          reply)));
    } catch (RuntimeException e) {
      broken = e;
      log.error("the store cannot write its log; it takes no more commands until it is restarted", e);
      throw e;
    }
    commitIfFull(writeAheadLog.end());
  }

  /**
   * An upsert whose filter names no {@code _id} creates a document with an id the server chose; done again from
   * the log it would get another one, and a later update by the first id would find nothing. The logged filter
   * names the id the caller was given (every upsert of the platform's services names its id itself).
   */
  static Document withUpsertedIds(String command, Document query, Document reply) {
    if (reply == null) {
      return query;
    }
    if (command.equalsIgnoreCase("update") && reply.get("upserted") instanceof List<?> upserted
        && query.get("updates") instanceof List<?> updates) {
      for (Object entry : upserted) {
        if (entry instanceof Document u && u.get("index") instanceof Number index
            && index.intValue() < updates.size() && updates.get(index.intValue()) instanceof Document statement
            && statement.get("q") instanceof Document filter) {
          statement.put("q", idFilter(filter, u.get("_id")));
        }
      }
    } else if (command.equalsIgnoreCase("findandmodify") && Boolean.TRUE.equals(query.get("upsert"))
        && query.get("query") instanceof Document filter && !filter.containsKey("_id")) {
      // the document it returns after the change names the id; the one before it (new: false) was none, and
      // mongo-java-server does not say which id it gave: that one case stays as it was
      if (reply.get("lastErrorObject") instanceof Document last && last.containsKey("upserted")) {
        query.put("query", idFilter(filter, last.get("upserted")));
      } else if (Boolean.TRUE.equals(query.get("new")) && reply.get("value") instanceof Document after
          && after.containsKey("_id")) {
        query.put("query", idFilter(filter, after.get("_id")));
      }
    }
    return query;
  }

  private static Document idFilter(Document filter, Object id) {
    Document named = new Document(filter);
    named.put("_id", id);
    return named;
  }

  private static boolean writes(String command, Document query) {
    String name = command.toLowerCase(Locale.ROOT);
    if (name.equals("aggregate")) {
      return query.get("pipeline") instanceof List<?> stages && stages.stream()
          .anyMatch(stage -> stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
    }
    return !READS.contains(name);
  }

  private void replay(Path logFile) {
    long generation = logPosition.getOrDefault("generation", 0L);
    long position = logPosition.getOrDefault("position", 0L);
    WriteAheadLog.Contents contents = WriteAheadLog.read(logFile, position);
    if (contents != null && contents.generation() == generation) {
      if (!contents.records().isEmpty()) {
        redo(contents.records());
        // committed before the new log replaces this one: once it has, nothing is left to do these again
        logPosition.put("position", contents.records().get(contents.records().size() - 1).end());
        getMvStore().commit();
      }
    } else if (contents != null && contents.generation() != generation + 1) {
      // generation + 1: killed while starting a new log, before the store recorded it; nothing was written to it
      log.warn("the write-ahead log {} (generation {}) is not this store's (generation {}); not replayed",
          logFile, contents.generation(), generation);
    }
    startLog(logFile, Math.max(generation, contents == null ? 0 : contents.generation()) + 1);
  }

  private void redo(List<WriteAheadLog.Entry> records) {
    EmbeddedChannel channel = new EmbeddedChannel();
    int failed = 0;
    long done = logPosition.getOrDefault("position", 0L);
    for (WriteAheadLog.Entry record : records) {
      Document command = record.command();
      // as for a command served: a commit H2 makes in the middle of this one has the log done up to here
      logPosition.put("position", done);
      done = record.end();
      try {
        super.handleCommand(channel, (String) command.get("d"), (String) command.get("c"), (Document) command.get("q"));
      } catch (RuntimeException e) {
        failed++;
      }
      commitIfFull(record.end());
    }
    handleClose(channel);
    log.info("replayed {} write commands the store had acknowledged but not yet committed when it stopped{}",
        records.size(), failed == 0 ? "" : " (" + failed + " failed again as they did the first time)");
  }

  /** Commits, so that the store holds all the old log, then starts an empty log of {@code generation}. */
  private void startLog(Path logFile, long generation) {
    MVStore store = getMvStore();
    if (writeAheadLog != null) {
      logPosition.put("position", writeAheadLog.end());
      store.commit();
      writeAheadLog.close();
    }
    writeAheadLog = WriteAheadLog.start(logFile, generation);
    logPosition.put("generation", generation);
    logPosition.put("position", writeAheadLog.end());
    store.commit();
  }

  /**
   * Commits, with the log done up to {@code logEnd}, once H2 holds more than {@link #COMMIT_AT_UNSAVED_BYTES}
   * unwritten. Called between two write commands only, under the write lock (or before the store serves).
   */
  private void commitIfFull(long logEnd) {
    MVStore store = getMvStore();
    if (store.getUnsavedMemory() <= COMMIT_AT_UNSAVED_BYTES || store.isClosed()) {
      return;
    }
    try {
      logPosition.put("position", logEnd);
      store.commit();
    } catch (RuntimeException e) {
      failedToCommit(e);
    }
  }

  /**
   * The command is done and logged, so its answer stands. H2 closes the store when a commit fails (a full disk):
   * then it takes no more commands. Otherwise the next command or tick tries again.
   */
  private void failedToCommit(RuntimeException e) {
    if (getMvStore().isClosed()) {
      broken = e;
      log.error("the store could not commit and has closed its file; it takes no more commands until it is "
          + "restarted (what it acknowledged is in its log)", e);
    } else {
      log.warn("the store could not commit; trying again: {}", e.toString());
    }
  }

  /** Once a second: commits between two write commands, rotates a long log, now and then compacts. */
  private void tick() {
    writes.lock();
    try {
      MVStore store = getMvStore();
      if (store.isClosed() || broken != null) {
        // a store that could not log a command holds it in memory: a commit here would make it durable
        return;
      }
      if (logPosition.getOrDefault("position", 0L) != writeAheadLog.end()) {
        logPosition.put("position", writeAheadLog.end());
        store.commit();
      }
      if (writeAheadLog.end() > logRotateBytes) {
        startLog(writeAheadLog.path(), writeAheadLog.generation() + 1);
      }
      if (++ticks % COMPACT_EVERY_TICKS == 0 && store.compact(COMPACT_FILL_PERCENT, COMPACT_WRITE_BYTES)
          && store.hasUnsavedChanges()) {
        store.commit();
      }
    } catch (RuntimeException e) {
      failedToCommit(e);
    } finally {
      writes.unlock();
    }
  }

  /** Lets a commit in progress finish (interrupting it would close H2's file channel), then closes the file. */
  @Override
  public void close() {
    committer.shutdown();
    try {
      committer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writes.lock();
    try {
      if (broken != null && !getMvStore().isClosed()) {
        // closing commits what is in memory, a command it could not log among it: the file stays at its last
        // commit, and the log gives back what was acknowledged
        getMvStore().closeImmediately();
      } else if (writeAheadLog != null && !getMvStore().isClosed()) {
        logPosition.put("position", writeAheadLog.end());
      }
      super.close();
      if (writeAheadLog != null) {
        writeAheadLog.close();
      }
    } finally {
      writes.unlock();
    }
  }

  private MVMap<KeyValue, Object> openIndex(String name) {
    MVStore store = getMvStore();
    MVMap<String, String> layouts = store.openMap(LAYOUTS);
    MVMap.Builder<KeyValue, Object> compact = new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE);
    if (store.hasMap(name) && !COMPACT_KEYS.equals(layouts.get(name))) {
      MVMap<KeyValue, Object> generic = store.openMap(name);
      String moving = name + ".moving";
      if (store.hasMap(moving)) {
        store.removeMap(moving);
      }
      MVMap<KeyValue, Object> rewritten = store.openMap(moving, compact);
      log.info("rewriting index {} ({} keys) in the compact key layout", name, generic.sizeAsLong());
      rewritten.putAll(generic);
      store.removeMap(generic);
      store.renameMap(rewritten, name);
      layouts.put(name, COMPACT_KEYS);
      store.commit();
      return rewritten;
    }
    layouts.put(name, COMPACT_KEYS);
    return store.openMap(name, compact);
  }

  private final class Database extends H2Database {

    Database(String name) {
      super(name, StoreBackend.this.getMvStore(), StoreBackend.this.getCursorRegistry());
    }

    /** H2Database's maps, the documents kept as BSON ({@link DocumentType}). */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
      String namespace = getFullCollectionNamespace(collection);
      MVStore store = StoreBackend.this.getMvStore();
      MVMap<Object, Document> documents = store.openMap("databases." + namespace,
          new MVMap.Builder<Object, Document>().valueType(DocumentType.INSTANCE));
      MVMap<String, Object> meta = store.openMap("meta." + namespace);
      return new H2Collection(this, collection, options, documents, meta, StoreBackend.this.getCursorRegistry());
    }

    /** H2Database's map name for the index, kept so its drop and rename find the map. */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collection, String indexName, List<IndexKey> keys,
        boolean sparse) {
      return new UniqueIndex(openIndex(getFullCollectionNamespace(collection) + "._index_" + indexName), indexName,
          keys, sparse);
    }
  }

  /** H2UniqueIndex over a map of our key type (its constructor is not public). */
  private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;

    UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
      super(name, keys, sparse);
      this.map = map;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
      return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
      return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
      return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
      return map.get(key);
    }

    @Override
    public long getCount() {
      return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public long getDataSize() {
      return getCount();
    }
  }
}
