package id.go.jemberkab.platform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store in its own process, as {@code ./platform up} runs it, killed (SIGKILL) right after it
 * acknowledged a write: every acknowledged write is in the store when it opens again, and each document and its
 * index keys agree. Its write-ahead log is rotated every 64 KB here, so the run rotates it a few times.
 */
class MongoStoreKillTest {

  @TempDir
  Path data;

  @Test
  void everyAcknowledgedWriteSurvivesAKilledStoreAndItsIndexesAgreeWithItsDocuments() throws Exception {
    int port = LocalStackTest.freePort();
    Process store = startStoreProcess(port, "256m");
    Map<String, Integer> expected = new TreeMap<>();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
      MongoCollection<Document> probe = client.getDatabase("citizen").getCollection("probe");
      probe.createIndex(Indexes.ascending("n"), new IndexOptions().unique(true));
      // well past the one second H2 would otherwise keep unwritten, and on until the log has been rotated twice
      // (at the once-a-second commits): inserts, updates that move an index key, deletes and batches, each
      // acknowledged before the next
      for (int i = 0; i < 1_500 || logGeneration() < 3; i++) {
        assertThat(i).as("writes before the log rotated twice").isLessThan(200_000);
        String id = "d" + i;
        probe.insertOne(new Document("_id", id).append("n", i).append("v", 0));
        expected.put(id, i);
        if (i % 3 == 0) {
          probe.updateOne(Filters.eq("_id", id), Updates.set("n", 100_000 + i));
          expected.put(id, 100_000 + i);
        }
        if (i % 5 == 4) {
          String gone = "d" + (i - 2);
          probe.deleteOne(Filters.eq("_id", gone));
          expected.remove(gone);
        }
        if (i % 100 == 99) {
          List<Document> batch = new ArrayList<>();
          for (int b = 0; b < 50; b++) {
            batch.add(new Document("_id", "b" + i + "-" + b).append("n", 1_000_000 + i * 100 + b));
            expected.put("b" + i + "-" + b, 1_000_000 + i * 100 + b);
          }
          probe.insertMany(batch);
        }
      }
    } finally {
      kill(store);
    }
    Path logFile = data.resolve("mongo/platform.mv.db.log");
    // the kill cut a record short: its length says more bytes than follow
    Files.write(logFile, new byte[] {0, 0, 0, 50, 1, 2, 3, 4, 9, 9}, StandardOpenOption.APPEND);

    try (MongoStore reopened = reopen();
        MongoClient client = MongoClients.create(reopened.connectionString())) {
      MongoCollection<Document> probe = client.getDatabase("citizen").getCollection("probe");
      Map<String, Integer> found = new TreeMap<>();
      probe.find().forEach(d -> found.put(d.getString("_id"), d.getInteger("n")));
      List<String> lost = expected.keySet().stream().filter(id -> !found.containsKey(id)).toList();
      assertThat(lost.size()).as("acknowledged documents lost, of %d; the first: %s", expected.size(),
          lost.stream().limit(5).toList()).isZero();
      assertThat(found).isEqualTo(expected);
      // every key of the unique index finds its document, and no document is missing from it
      for (Map.Entry<String, Integer> e : expected.entrySet()) {
        assertThat(probe.find(Filters.eq("n", e.getValue())).first()).as("index key n=%d", e.getValue())
            .isNotNull().containsEntry("_id", e.getKey());
      }
      // a delete walks both: a document whose index key is missing fails it ("Found no position")
      assertThat(probe.deleteMany(Filters.exists("_id")).getDeletedCount()).isEqualTo(expected.size());
      probe.insertOne(new Document("_id", "d0").append("n", 0));
      assertThat(probe.countDocuments()).isEqualTo(1);
    }
  }

  /**
   * H2 writes what it holds in memory to its file once it holds more than its buffer, in the middle of a command.
   * The log is done again from the last once-a-second commit on, so every command written that way between two of
   * them was done twice after a kill: an increment counted twice, which no test of inserts and sets can see. Here
   * each increment is followed by a large document, so H2's buffer fills many times between two commits.
   */
  @Test
  void anIncrementAcknowledgedBeforeAKillCountsOnce() throws Exception {
    int port = LocalStackTest.freePort();
    // the heap ./platform gives the store: its page cache (256 MB) holds the large documents
    Process store = startStoreProcess(port, "768m");
    int increments = 0;
    String padding = "x".repeat(512 * 1024);
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
      MongoCollection<Document> counters = client.getDatabase("citizen").getCollection("counters");
      MongoCollection<Document> pages = client.getDatabase("citizen").getCollection("pages");
      counters.insertOne(new Document("_id", "seats").append("taken", 0));
      // a few seconds of writes: several once-a-second commits, and many times H2's buffer between two of them
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      for (int i = 0; System.nanoTime() < until || i < 100; i++) {
        counters.updateOne(Filters.eq("_id", "seats"), Updates.inc("taken", 1));
        increments++;
        pages.insertOne(new Document("_id", "p" + i).append("body", padding + i));
      }
    } finally {
      kill(store);
    }

    try (MongoStore reopened = reopen();
        MongoClient client = MongoClients.create(reopened.connectionString())) {
      Document seats = client.getDatabase("citizen").getCollection("counters").find(Filters.eq("_id", "seats"))
          .first();
      assertThat(seats).isNotNull();
      assertThat(seats.getInteger("taken")).as("increments acknowledged before the kill").isEqualTo(increments);
    }
  }

  /**
   * An upsert whose filter names no id creates its document with an id the store chose. Done again from the log
   * after a kill, it got another, and the update the caller then made by the first id was lost.
   */
  @Test
  void aDocumentAnUpsertCreatedKeepsItsIdAndLaterUpdatesAfterAKill() throws Exception {
    int port = LocalStackTest.freePort();
    Process store = startStoreProcess(port, "256m");
    Map<Object, String> expected = new java.util.HashMap<>();
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
      MongoCollection<Document> keys = client.getDatabase("content").getCollection("keys");
      // more than a second: what came after the last once-a-second commit is done again from the log
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
      for (int i = 0; System.nanoTime() < until || i < 50; i++) {
        Object id;
        if (i % 2 == 0) {
          id = keys.updateOne(Filters.eq("day", "d" + i), Updates.setOnInsert("key", "first"),
              new com.mongodb.client.model.UpdateOptions().upsert(true)).getUpsertedId();
        } else {
          id = keys.findOneAndUpdate(Filters.eq("day", "d" + i), Updates.setOnInsert("key", "first"),
              new com.mongodb.client.model.FindOneAndUpdateOptions().upsert(true)
                  .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER)).get("_id");
        }
        assertThat(id).isNotNull();
        Object plain = id instanceof org.bson.BsonValue bson ? bson.asObjectId().getValue() : id;
        keys.updateOne(Filters.eq("_id", plain), Updates.set("key", "rotated " + i));
        expected.put(plain, "rotated " + i);
      }
    } finally {
      kill(store);
    }

    try (MongoStore reopened = reopen();
        MongoClient client = MongoClients.create(reopened.connectionString())) {
      Map<Object, String> found = new java.util.HashMap<>();
      client.getDatabase("content").getCollection("keys").find()
          .forEach(d -> found.put(d.get("_id"), d.getString("key")));
      assertThat(found).isEqualTo(expected);
    }
  }

  private static void kill(Process store) throws InterruptedException {
    store.destroyForcibly();
    assertThat(store.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** The killed store's file opened in this process, as the next start opens it. */
  private MongoStore reopen() throws java.io.IOException {
    return new MongoStore("127.0.0.1", LocalStackTest.freePort(), data.resolve("mongo/platform.mv.db")).start();
  }

  /** The generation in the log's header (the first log of a new store is 1; each rotation adds one). */
  private long logGeneration() {
    WriteAheadLog.Contents header = WriteAheadLog.read(data.resolve("mongo/platform.mv.db.log"), Long.MAX_VALUE);
    return header == null ? 0 : header.generation();
  }

  private Process startStoreProcess(int port, String heap) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-Dlocal-stack.mongo.log-rotate-bytes=65536", "-cp", System.getProperty("java.class.path"),
        LocalStack.class.getName(), "mongo")
        .redirectErrorStream(true);
    builder.environment().putAll(Map.of("PLATFORM_DATA", data.toString(), "MONGO_PORT", String.valueOf(port),
        "MONGO_STORE", "file", "LOCAL_STACK_HOST", "127.0.0.1"));
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      lines.add(line);
      if (line.startsWith(LocalStack.READY)) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "store-output");
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    throw new IllegalStateException("the store process ended before it was ready: " + lines);
  }
}
