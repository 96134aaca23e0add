package id.go.jemberkab.platform.analytics.registrations;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import id.go.jemberkab.platform.contracts.citizen.CitizenErased;
import id.go.jemberkab.platform.contracts.citizen.CitizenRegistered;
import java.util.List;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * One document per registered citizen, keyed by the pseudonymous id: recording the same event twice (a
 * redelivery, a replay) changes nothing, so counts stay exact without transactions.
 */
@Component
class RegistrationView {

  static final String COLLECTION = "citizen_registrations";

  /** A group and how many citizens are registered in it. */
  record Count(String code, long count) {
  }

  private final MongoTemplate mongo;

  RegistrationView(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  void record(CitizenRegistered registered, String eventId) {
    Update insertOnly = new Update()
        .setOnInsert("kecamatanCode", registered.kecamatanCode())
        .setOnInsert("desaCode", registered.desaCode())
        .setOnInsert("registeredAt", registered.registeredAt())
        .setOnInsert("eventId", eventId);
    try {
      mongo.upsert(query(where("_id").is(registered.citizenRef())), insertOnly, COLLECTION);
    } catch (DuplicateKeyException raced) {
      // another consumer inserted the same citizen first: already recorded
    }
  }

  /**
   * An erased citizen is no longer counted as registered. Only a registration recorded before the erasure
   * goes: a later registration of the same person (same pseudonym) counts again.
   */
  void forget(CitizenErased erased) {
    mongo.remove(query(where("_id").is(erased.citizenRef()).and("registeredAt").lte(erased.erasedAt())), COLLECTION);
  }

  List<Count> countBy(Grouping grouping) {
    var aggregation = newAggregation(group(grouping.field()).count().as("count"), sort(Sort.Direction.ASC, "_id"));
    return mongo.aggregate(aggregation, COLLECTION, Document.class).getMappedResults().stream()
        .map(d -> new Count(d.getString("_id"), ((Number) d.get("count")).longValue()))
        .toList();
  }

  /** The region levels the view can be grouped by. */
  enum Grouping {
    KECAMATAN("kecamatanCode"), DESA("desaCode");

    private final String field;

    Grouping(String field) {
      this.field = field;
    }

    String field() {
      return field;
    }
  }
}
