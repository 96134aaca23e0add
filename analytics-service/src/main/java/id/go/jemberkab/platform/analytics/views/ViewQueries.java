package id.go.jemberkab.platform.analytics.views;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.limit;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Reads the view collections: rows by criteria and page, and sums over windows for top-N. */
class ViewQueries {

  /** One page of rows and how many there are in all. */
  record Page(List<Document> rows, long total) {
  }

  private final MongoTemplate mongo;

  ViewQueries(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  Page rows(ReadModel.View view, Criteria criteria, Sort sort, int page, int size) {
    Query query = Query.query(criteria);
    long total = mongo.count(query, view.collection());
    List<Document> rows = mongo.find(query.with(sort).skip((long) page * size).limit(size), Document.class,
        view.collection());
    rows.forEach(d -> d.remove("_id"));
    rows.forEach(d -> d.remove("startMs"));
    return new Page(rows, total);
  }

  /** The content cards of these items, by id. */
  java.util.Map<String, Document> cards(java.util.Collection<String> contentIds) {
    java.util.Map<String, Document> cards = new java.util.HashMap<>();
    mongo.find(Query.query(where("contentId").in(contentIds)), Document.class, ReadModel.View.CONTENT.collection())
        .forEach(d -> cards.put(d.getString("contentId"), d));
    return cards;
  }

  /** The content items with the most of {@code metric} summed over the windows starting in [from, to). */
  List<Document> top(String window, Instant from, Instant to, String metric, int n) {
    var aggregation = newAggregation(
        match(where("scope").is("content").and("window").is(window).and("startMs").gte(from.toEpochMilli())
            .lt(to.toEpochMilli())),
        group("key").sum(metric).as("total").sum("views").as("views").sum("likes").as("likes")
            .sum("shares").as("shares").sum("comments").as("comments").sum("watchSeconds").as("watchSeconds"),
        sort(Sort.by(Sort.Order.desc("total"), Sort.Order.asc("_id"))),
        limit(n));
    return mongo.aggregate(aggregation, ReadModel.View.ENGAGEMENT.collection(), Document.class).getMappedResults();
  }
}
