package id.go.jemberkab.platform.content.publishing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Makes every item's search terms again when the way terms are made changed ({@link SearchTerms#VERSION} above
 * the version recorded in {@value #META}): a stored term made the old way would not meet the same word in a query
 * made the new way. Once per version, on start; a process that stops midway leaves the old version recorded, and
 * the next start does it all again (each item's update is the same however often it runs). An item changed by an
 * editor meanwhile keeps the terms its change wrote.
 */
@Component
class SearchReindex {

  static final String META = "content_meta";
  static final String ID = "search-terms";
  private static final Logger log = LoggerFactory.getLogger(SearchReindex.class);
  private static final int PAGE = 200;

  private final MongoTemplate mongo;

  SearchReindex(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    Document meta = mongo.findById(ID, Document.class, META);
    int recorded = meta == null ? 1 : meta.getInteger("version", 1);
    if (recorded >= SearchTerms.VERSION) {
      return;
    }
    long total = mongo.count(new Query(), ContentDocument.COLLECTION);
    log.info("making the search terms of {} content items again (version {} to {})", total, recorded,
        SearchTerms.VERSION);
    long done = 0;
    long changed = 0;
    Object after = null;
    while (true) {
      Query page = (after == null ? new Query() : query(where("_id").gt(after)))
          .with(org.springframework.data.domain.Sort.by("_id")).limit(PAGE);
      page.fields().include("_id", "version", "title", "summary", "body", "tags", "search");
      List<Document> docs = mongo.find(page, Document.class, ContentDocument.COLLECTION);
      if (docs.isEmpty()) {
        break;
      }
      for (Document doc : docs) {
        List<String> terms = terms(doc);
        if (!terms.equals(doc.getList("search", String.class, List.of()))) {
          // only over the edition read: an editor's change since wrote its own terms, the new way
          changed += mongo.updateFirst(query(where("_id").is(doc.get("_id")).and("version").is(doc.get("version"))),
              new Update().set("search", terms), ContentDocument.COLLECTION).getModifiedCount();
        }
      }
      done += docs.size();
      after = docs.get(docs.size() - 1).get("_id");
      if (done % 5_000 < PAGE) {
        log.info("search terms: {} of {} items", done, total);
      }
    }
    mongo.upsert(query(where("_id").is(ID)), new Update().set("version", SearchTerms.VERSION), META);
    log.info("search terms made again: {} items read, {} changed", done, changed);
  }

  /** The terms of the item's current edition, as {@link ContentRules.Edition#searchTerms()} makes them. */
  static List<String> terms(Document doc) {
    Document title = doc.get("title", Document.class);
    Document summary = doc.get("summary", Document.class);
    Document body = doc.get("body", Document.class);
    return SearchTerms.of(text(title, "id"), text(title, "en"), text(summary, "id"), text(summary, "en"),
        text(body, "id"), text(body, "en"), String.join(" ", doc.getList("tags", String.class, List.of())));
  }

  private static String text(Document texts, String language) {
    return texts == null ? null : texts.getString(language);
  }
}
