package id.go.jemberkab.platform.citizen.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.go.jemberkab.platform.testsupport.Backbone;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;

/** A database written before the NIK index became sparse still starts, against the real wire server. */
class IndexMigrationIT {

  @Test
  void rebuildsAnIndexWhoseOptionsChangedAndKeepsTheDocuments() {
    try (MongoClient client = MongoClients.create(Backbone.get().mongoUri())) {
      MongoTemplate mongo = new MongoTemplate(client, "index-migration-" + UUID.randomUUID().toString().substring(0, 8));
      String collection = "citizens";
      mongo.getCollection(collection).insertOne(new Document("nik", "3509190101900001"));
      IndexOperations indexes = mongo.indexOps(collection);
      indexes.createIndex(new Index("nik", Sort.Direction.ASC).unique().named("nik_unique")); // the old index
      Index current = new Index("nik", Sort.Direction.ASC).unique().sparse().named("nik_unique");
      assertThatThrownBy(() -> indexes.createIndex(current)).as("the server refuses the changed options")
          .isInstanceOf(RuntimeException.class);

      IndexMigration.ensure(indexes, current, "nik_unique");

      assertThat(indexes.getIndexInfo()).anySatisfy(info -> {
        assertThat(info.getName()).isEqualTo("nik_unique");
        assertThat(info.isSparse()).isTrue();
        assertThat(info.isUnique()).isTrue();
      });
      assertThat(mongo.getCollection(collection).countDocuments()).isEqualTo(1);
      IndexMigration.ensure(indexes, current, "nik_unique"); // the next start: nothing to do
    }
  }

  /** Restored or merged data with one NIK twice stops the start, and the error that is logged quotes no NIK. */
  @Test
  void aDuplicatedKeyStopsTheStartWithoutQuotingIt() {
    try (MongoClient client = MongoClients.create(Backbone.get().mongoUri())) {
      MongoTemplate mongo = new MongoTemplate(client, "index-migration-" + UUID.randomUUID().toString().substring(0, 8));
      mongo.getCollection("citizens").insertOne(new Document("nik", "3509194101900002"));
      mongo.getCollection("citizens").insertOne(new Document("nik", "3509194101900002"));
      Index current = new Index("nik", Sort.Direction.ASC).unique().sparse().named("nik_unique");

      Throwable failed = org.assertj.core.api.Assertions.catchThrowable(
          () -> IndexMigration.ensure(mongo.indexOps("citizens"), current, "nik_unique"));

      assertThat(failed).isInstanceOf(IllegalStateException.class).hasMessageContaining("nik_unique");
      java.io.StringWriter trace = new java.io.StringWriter();
      failed.printStackTrace(new java.io.PrintWriter(trace));
      assertThat(trace.toString()).doesNotContain("3509194101900002").contains("message withheld");
    }
  }
}
