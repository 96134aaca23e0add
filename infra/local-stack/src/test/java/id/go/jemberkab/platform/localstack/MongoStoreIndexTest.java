package id.go.jemberkab.platform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoStoreIndexTest {

  @TempDir
  Path data;

  @Test
  void fileWrittenByTheStockH2BackendKeepsItsDocumentsAndUniqueKeysInTheCompactLayout() throws IOException {
    Path file = data.resolve("mongo/store.mv.db");
    file.getParent().toFile().mkdirs();
    ObjectId oid = new ObjectId();
    MongoServer stock = new MongoServer(new H2Backend(MVStore.open(file.toString())));
    String stockAddress = "mongodb://127.0.0.1:" + stock.bind().getPort();
    try (MongoClient client = MongoClients.create(stockAddress)) {
      MongoCollection<Document> items = client.getDatabase("content").getCollection("items");
      items.createIndex(Indexes.ascending("slug"), new IndexOptions().unique(true));
      items.createIndex(Indexes.ascending("kind", "n"), new IndexOptions().unique(true));
      IntStream.range(0, 500).forEach(n -> items.insertOne(new Document("_id", "item-" + n)
          .append("slug", "slug-" + n).append("kind", "k").append("n", n)));
      client.getDatabase("content").getCollection("marks").insertOne(new Document("_id", oid));
    }
    stock.shutdown();

    int port = LocalStackTest.freePort();
    for (int round = 0; round < 2; round++) {
      int start = round;
      try (MongoStore store = new MongoStore("127.0.0.1", port, file).start();
          MongoClient client = MongoClients.create(store.connectionString())) {
        MongoCollection<Document> items = client.getDatabase("content").getCollection("items");
        assertThat(items.countDocuments()).isEqualTo(500 + start);
        assertThat(items.find(Filters.eq("_id", "item-321")).first()).containsEntry("slug", "slug-321");
        assertThat(items.find(Filters.eq("slug", "slug-42")).first()).containsEntry("_id", "item-42");
        assertThatThrownBy(() -> items.insertOne(new Document("_id", "item-7").append("slug", "other")))
            .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> items.insertOne(new Document("_id", "x-" + start).append("slug", "slug-9")))
            .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> items.insertOne(new Document("_id", "y-" + start).append("slug", "y-" + start)
            .append("kind", "k").append("n", 12)))
            .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        items.insertOne(new Document("_id", "new-" + start).append("slug", "new-" + start)
            .append("kind", "k").append("n", 1000 + start));
        MongoCollection<Document> marks = client.getDatabase("content").getCollection("marks");
        assertThatThrownBy(() -> marks.insertOne(new Document("_id", oid)))
            .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThat(marks.find(Filters.eq("_id", oid)).first()).isNotNull();
        items.deleteOne(Filters.eq("_id", "item-0"));
        items.insertOne(new Document("_id", "item-0").append("slug", "slug-0").append("kind", "k").append("n", 0));
      }
    }
  }

  @Test
  void documentsOfEveryBsonKindReadBackUnchangedAfterARestart() throws IOException {
    Path file = data.resolve("mongo/kinds.mv.db");
    Document original = new Document("_id", new ObjectId())
        .append("text", "Kecamatan Sumbersari — ümlaut ✓")
        .append("int", 42).append("long", 5_000_000_000L).append("double", 2.5)
        .append("decimal", new org.bson.types.Decimal128(new java.math.BigDecimal("12345.6789")))
        .append("yes", true).append("nothing", null)
        .append("at", java.util.Date.from(java.time.Instant.parse("2026-11-28T03:04:05.678Z")))
        .append("uuid", java.util.UUID.fromString("0f8e6c1a-1b2c-4d5e-8f90-a1b2c3d4e5f6"))
        .append("bytes", new org.bson.types.Binary(new byte[] {1, 2, 3}))
        .append("list", java.util.List.of("a", 1, new Document("nested", java.util.List.of(1.5, "x"))))
        .append("doc", new Document("deeper", new Document("n", 7L)));
    int port = LocalStackTest.freePort();
    for (int start = 0; start < 2; start++) {
      try (MongoStore store = new MongoStore("127.0.0.1", port, file).start();
          MongoClient client = MongoClients.create(com.mongodb.MongoClientSettings.builder()
              .applyConnectionString(new com.mongodb.ConnectionString(store.connectionString()))
              .uuidRepresentation(org.bson.UuidRepresentation.STANDARD).build())) {
        MongoCollection<Document> kinds = client.getDatabase("analytics").getCollection("kinds");
        if (start == 0) {
          kinds.insertOne(original);
        }
        assertThat(kinds.find(Filters.eq("_id", original.get("_id"))).first()).isEqualTo(original);
        assertThat(kinds.find(Filters.eq("doc.deeper.n", 7L)).first()).isEqualTo(original);
      }
    }
  }

  @Test
  void damagedFileIsNamedWithWhatToDo() throws IOException {
    Path file = data.resolve("mongo/damaged.mv.db");
    file.getParent().toFile().mkdirs();
    java.nio.file.Files.write(file, new byte[8192]);
    MongoStore store = new MongoStore("127.0.0.1", LocalStackTest.freePort(), file);
    assertThatThrownBy(store::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("move it aside")
        .hasCauseInstanceOf(org.h2.mvstore.MVStoreException.class);
  }
}
