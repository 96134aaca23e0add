package id.go.jemberkab.platform.analytics.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The generation of the views, kept in MongoDB so every replica and every restart uses the same one. A
 * replay moves to the next: a new Kafka Streams application id, a fresh read model.
 */
class Generations {

  static final String COLLECTION = "view_generation";

  private final MongoTemplate mongo;

  Generations(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** A read: every batch of the read model asks, so no write here. 1 until the first replay. */
  long current() {
    Document d = mongo.findById("views", Document.class, COLLECTION);
    return d == null ? 1L : ((Number) d.get("generation")).longValue();
  }

  long advance() {
    mongo.upsert(query(where("_id").is("views")), new Update().setOnInsert("generation", 1L), COLLECTION);
    Document d = mongo.findAndModify(query(where("_id").is("views")), new Update().inc("generation", 1L),
        FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
    return ((Number) d.get("generation")).longValue();
  }
}
