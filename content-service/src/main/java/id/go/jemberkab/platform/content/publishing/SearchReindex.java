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
 * Makes every item's search terms again on start where they differ from what {@link SearchTerms} makes now: after
 * a change to how terms are made, a stored term made the old way would not meet the same word in a query made the
 * new way. Every start looks at every item (a regency's items are thousands, read in one pass), so an item an older
 * replica wrote during a rolling upgrade, or one a stopped pass did not reach, is found at the next start. An item
 * whose edition or terms changed between the read and the write keeps what its change wrote.
 */
@Component
class SearchReindex {

  private static final Logger log = LoggerFactory.getLogger(SearchReindex.class);
  private static final int PROGRESS_EVERY = 5_000;

  private final MongoTemplate mongo;

  SearchReindex(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    Query all = new Query();
    all.fields().include("_id", "edition", "title", "summary", "body", "tags", "search");
    long read = 0;
    long changed = 0;
    try (var items = mongo.stream(all, Document.class, ContentDocument.COLLECTION)) {
      for (var it = items.iterator(); it.hasNext(); ) {
        Document doc = it.next();
        List<String> stored = doc.getList("search", String.class, List.of());
        List<String> terms = terms(doc);
        if (!terms.equals(stored)) {
          // only over the edition and terms read: an editor's change since wrote its own terms, the new way
          changed += mongo.updateFirst(query(where("_id").is(doc.get("_id")).and("edition").is(doc.get("edition"))
                  .and("search").is(doc.get("search"))), new Update().set("search", terms), ContentDocument.COLLECTION)
              .getModifiedCount();
        }
        if (++read % PROGRESS_EVERY == 0) {
          log.info("search terms: {} items checked, {} made again", read, changed);
        }
      }
    }
    if (changed > 0) {
      log.info("search terms made again for {} of {} items (the way terms are made changed)", changed, read);
    }
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
