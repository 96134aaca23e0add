package id.go.jemberkab.platform.content.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.go.jemberkab.platform.testsupport.Backbone;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Terms stored another way are made again on the next start. */
class SearchReindexIT {

  private final MongoClient client = MongoClients.create(Backbone.get().mongoUri());
  private final MongoTemplate mongo = new MongoTemplate(client, "search-reindex-" + UUID.randomUUID());

  @AfterEach
  void close() {
    mongo.getDb().drop();
    client.close();
  }

  @Test
  void termsMadeAnotherWayAreMadeAgainAtEachStart() {
    // as version 1 stored it: "sekolah" cut to "seko", so a query for "sekolahnya" ("sekolah" now) missed it
    mongo.insert(item("a", "Sekolah baru di Patrang", List.of("seko", "baru", "patrang")), ContentDocument.COLLECTION);
    mongo.insert(item("b", "Pasar murah", List.of("pasar", "murah")), ContentDocument.COLLECTION);
    SearchReindex reindex = new SearchReindex(mongo);

    reindex.onStart();

    assertThat(search("a")).containsExactly("sekolah", "baru", "patrang");
    assertThat(search("b")).containsExactly("pasar", "murah");

    // an older replica still making terms the old way during a rolling upgrade: the next start finds it
    mongo.getCollection(ContentDocument.COLLECTION).updateOne(new Document("_id", "b"),
        new Document("$set", new Document("search", List.of("stale"))));
    reindex.onStart();
    assertThat(search("b")).containsExactly("pasar", "murah");
  }

  private static Document item(String id, String title, List<String> search) {
    return new Document("_id", id).append("version", 3L).append("edition", 2).append("title", new Document("id", title))
        .append("summary", new Document("id", null)).append("body", new Document("id", title))
        .append("tags", List.of()).append("search", search);
  }

  private List<String> search(String id) {
    return mongo.findById(id, Document.class, ContentDocument.COLLECTION).getList("search", String.class);
  }
}
