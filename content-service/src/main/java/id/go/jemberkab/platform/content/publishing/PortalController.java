package id.go.jemberkab.platform.content.publishing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import id.go.jemberkab.platform.content.publishing.PublicItemResponse.History;
import id.go.jemberkab.platform.content.publishing.PublicItemResponse.Page;
import id.go.jemberkab.platform.content.publishing.PublicItemResponse.Summary;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.problems.NotFoundException;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * The public read API the web portal renders: published items only, filtered, paged and searched in both
 * languages. Every answer carries an ETag and Last-Modified, and a conditional request that matches gets 304
 * with no body, so the portal and caches in front of it revalidate cheaply.
 */
@RestController
@RequestMapping("/api/v1/content")
@Tag(name = "Portal", description = "Published content for the web portal; no credentials needed")
class PortalController {

  static final ProblemType WITHDRAWN = new ProblemType("content-withdrawn", "The item was withdrawn",
      HttpStatus.GONE);
  static final ProblemType GONE = new ProblemType("content-gone", "The item is no longer published", HttpStatus.GONE);
  private static final CacheControl CACHE = CacheControl.maxAge(30, TimeUnit.SECONDS).cachePublic();

  private final MongoTemplate mongo;
  private final Clock clock;
  private final RegionDirectory regions = RegionDirectory.jember();

  PortalController(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  @GetMapping
  @Operation(summary = "List and search published items", description = "Newest first. type: news, announcement, "
      + "programme, product or event-page; tag; kecamatan: a code such as 35.09.19 (items aimed at that kecamatan); "
      + "q: words searched in title, summary, body and tags, in Bahasa Indonesia and English (all words must match; "
      + "an empty q lists everything). "
      + "page from 0, size 1–100. 304 when If-None-Match still holds (lists carry an ETag, no Last-Modified).")
  ResponseEntity<Page<Summary>> list(WebRequest web, @RequestParam(required = false) String type,
      @RequestParam(required = false) String tag, @RequestParam(required = false) String kecamatan,
      @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "20") String size) {
    List<FieldError> errors = new ArrayList<>();
    if (q != null && q.isBlank()) {
      // the portal's search box sent empty: the list, not a 400
      q = null;
    }
    Criteria criteria = where("status").is("published");
    if (type != null) {
      if (!ContentRules.TYPES.contains(type)) {
        errors.add(new FieldError("type", "type.invalid", "type is news, announcement, programme, product or event-page"));
      }
      criteria = criteria.and("type").is(type);
    }
    if (tag != null) {
      // tags are kept in lower case: a link written ?tag=UMKM finds the items tagged umkm
      tag = tag.toLowerCase(java.util.Locale.ROOT);
      if (tag.length() > 40 || !ContentRules.SLUG.matcher(tag).matches()) {
        errors.add(new FieldError("tag", "tag.invalid", "a tag is lower-case letters and digits joined by hyphens"));
      }
      criteria = criteria.and("tags").is(tag);
    }
    if (kecamatan != null) {
      if (!regions.isKecamatan(kecamatan)) {
        errors.add(new FieldError("kecamatan", "kecamatan.unknown", "not a kecamatan code of Jember (35.09.xx)"));
      }
      criteria = criteria.and("kecamatanCodes").is(kecamatan);
    }
    if (q != null) {
      List<String> terms = q.length() > 200 ? List.of() : SearchTerms.of(q);
      if (q.length() > 200 || terms.isEmpty() || terms.size() > SearchTerms.MAX_QUERY_TERMS) {
        errors.add(new FieldError("q", "query.invalid", "q needs 1 to " + SearchTerms.MAX_QUERY_TERMS
            + " searchable words, at most 200 characters"));
      } else {
        criteria = criteria.and("search").all(terms);
      }
    }
    int p = number("page", page, 0, 10_000, errors);
    int s = number("size", size, 1, 100, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    Query query = query(criteria);
    long total = mongo.count(query, ContentDocument.class);
    List<ContentDocument> docs = mongo.find(query.with(Sort.by(Sort.Direction.DESC, "publishedAt").and(Sort.by("_id")))
        .skip((long) p * s).limit(s), ContentDocument.class);
    StringBuilder fingerprint = new StringBuilder().append(total).append('|').append(p).append('|').append(s);
    for (ContentDocument doc : docs) {
      fingerprint.append('|').append(doc.id()).append(doc.publicTag());
    }
    String etag = "\"" + sha256(fingerprint.toString()) + "\"";
    // a list has an ETag but no Last-Modified: an item leaving the list changes it without a newer change time
    if (notModified(web, etag)) {
      return null;
    }
    return ResponseEntity.ok().cacheControl(CACHE).eTag(etag)
        .body(new Page<>(docs.stream().map(Summary::of).toList(), p, s, total));
  }

  /**
   * The title readers saw before the item was withdrawn: kept with the withdrawal, or for one withdrawn before it
   * was kept, that of the last edition made public. Never the current edition's: an author may have edited the item
   * since, and no editor approved that.
   */
  private String withdrawnTitle(ContentDocument doc) {
    if (doc.unpublication().title() != null) {
      return doc.unpublication().title();
    }
    List<ContentDocument.HistoryEntry> history = doc.history() == null ? List.of() : doc.history();
    EditionDocument shown = history.isEmpty() ? null : mongo.findById(
        EditionDocument.idOf(doc.id(), history.get(history.size() - 1).edition()), EditionDocument.class);
    return shown != null ? shown.title().id() : "";
  }

  @GetMapping("/{slug}")
  @Operation(summary = "Read a published item by its slug", description = "Both languages in one answer. 304 when "
      + "If-None-Match or If-Modified-Since still holds; 301 to the new item for a redirected one; 410 with the "
      + "notice for a withdrawn one, 410 for one that is gone; 404 for anything never published.")
  ResponseEntity<PublicItemResponse> get(WebRequest web, @PathVariable String slug) {
    ContentDocument doc = bySlug(slug);
    ResponseEntity<PublicItemResponse> moved = movedOrGone(doc, "");
    if (moved != null) {
      return moved;
    }
    if (doc.isTakenDown()) {
      ContentDocument.Unpublication down = doc.unpublication();
      throw new ProblemException(WITHDRAWN, down.notice(),
          Map.of("itemTitle", withdrawnTitle(doc), "withdrawnAt", down.at().toString()));
    }
    if (!doc.isPublic()) {
      throw new NotFoundException("No published item with this slug.");
    }
    Instant changed = PublicItemResponse.lastPublicChange(doc);
    // Last-Modified counts whole seconds: offered while the change's second is still running, it would let a
    // second change in that second pass for no change (If-Modified-Since), so it is offered from the next second on
    if (changed.getEpochSecond() >= clock.instant().getEpochSecond()) {
      if (notModified(web, doc.publicTag())) {
        return null;
      }
      return ResponseEntity.ok().cacheControl(CACHE).eTag(doc.publicTag()).body(PublicItemResponse.of(doc));
    }
    if (notModified(web, doc.publicTag(), changed.toEpochMilli())) {
      return null;
    }
    return ResponseEntity.ok().cacheControl(CACHE).eTag(doc.publicTag()).lastModified(changed)
        .body(PublicItemResponse.of(doc));
  }

  /**
   * Whether the caller's copy is current (a 304 then); the 304 carries the Cache-Control the 200 would have, as
   * RFC 9110 asks: without it a cache would keep the copy it revalidated for no time at all.
   */
  private static boolean notModified(WebRequest web, String etag) {
    return notModified(web, etag, -1);
  }

  private static boolean notModified(WebRequest web, String etag, long lastModified) {
    jakarta.servlet.http.HttpServletResponse response =
        web instanceof org.springframework.web.context.request.ServletWebRequest servlet ? servlet.getResponse() : null;
    if (response != null) {
      response.setHeader(org.springframework.http.HttpHeaders.CACHE_CONTROL, CACHE.getHeaderValue());
    }
    boolean answered = lastModified < 0 ? web.checkNotModified(etag) : web.checkNotModified(etag, lastModified);
    if (answered && response != null && response.getStatus() == HttpStatus.PRECONDITION_FAILED.value()) {
      // the same check answers a failed If-Match 412, which no cache may keep
      response.setHeader(org.springframework.http.HttpHeaders.CACHE_CONTROL, "no-store");
    }
    return answered;
  }

  @GetMapping("/{slug}/history")
  @Operation(summary = "The public change history of a published item", description = "Each edition readers saw: "
      + "its number, whether the change was major, the change note and when. A withdrawn item keeps its history "
      + "public (what readers saw, and that it was withdrawn); a redirected one answers 301 to the new item's "
      + "history, one that is gone 410, like the item itself.")
  ResponseEntity<History> history(WebRequest web, @PathVariable String slug) {
    ContentDocument doc = bySlug(slug);
    if (doc.publishedAt() == null) {
      throw new NotFoundException("No published item with this slug.");
    }
    // a withdrawn item keeps its history public: readers may see what it said before it was withdrawn
    ResponseEntity<History> moved = movedOrGone(doc, "/history");
    if (moved != null) {
      return moved;
    }
    if (notModified(web, doc.publicTag())) {
      return null;
    }
    return ResponseEntity.ok().cacheControl(CACHE).eTag(doc.publicTag()).body(new History(doc.slug(), doc.history()));
  }

  /**
   * For an item taken down as redirected, 301 to the same {@code path} of the item it went to; for one that is
   * gone, 410; null otherwise (published, never published, or withdrawn: each caller says what that means).
   */
  private static <T> ResponseEntity<T> movedOrGone(ContentDocument doc, String path) {
    if (!doc.isTakenDown()) {
      return null;
    }
    return switch (doc.unpublication().reason()) {
      // as briefly cached as the item was: publishing the item again undoes the redirect, and a 301 without a
      // Cache-Control is kept by browsers for good
      case "redirected" -> ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).cacheControl(CACHE)
          .location(URI.create("/api/v1/content/" + doc.unpublication().redirectTo() + path)).build();
      case "withdrawn" -> null;
      default -> throw new ProblemException(GONE, "This item was taken down.");
    };
  }

  private ContentDocument bySlug(String slug) {
    ContentDocument doc = slug.length() > 120 || !ContentRules.SLUG.matcher(slug).matches() ? null
        : mongo.findOne(query(where("slug").is(slug)), ContentDocument.class);
    if (doc == null) {
      throw new NotFoundException("No published item with this slug.");
    }
    return doc;
  }

  /** A whole-number query parameter within bounds; adds a field error otherwise. */
  static int number(String field, String value, int min, int max, List<FieldError> errors) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(field, field + ".invalid", field + " is a whole number from " + min + " to " + max));
    return min;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
