package id.go.jemberkab.platform.content.publishing;

import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.Inputs;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The editorial API: authors ({@code content:write}) write and submit, editors ({@code content:publish}) decide. */
@RestController
@RequestMapping("/api/v1/content/items")
@Tag(name = "Editorial", description = "Write, review, publish, schedule and take down content items")
class EditorialController {

  private final PublishingWorkflow workflow;
  private final ChannelDeliveries deliveries;
  private final org.springframework.data.mongodb.core.MongoTemplate mongo;

  EditorialController(PublishingWorkflow workflow, ChannelDeliveries deliveries,
      org.springframework.data.mongodb.core.MongoTemplate mongo) {
    this.workflow = workflow;
    this.deliveries = deliveries;
    this.mongo = mongo;
  }

  /** A transition's optional body: a note for a send-back, a time for a schedule, how to take an item down. */
  record TransitionRequest(String note, String publishAt, String reason, String notice, String redirectTo) {
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Write a new item (a draft)", description = "content:write. 201 with Location and ETag; "
      + "409 slug-taken; 400 validation-failed listing every field error. The slug comes from the Indonesian "
      + "title when not given.")
  ResponseEntity<ItemResponse> create(@Parameter(hidden = true) Caller caller, @RequestBody ContentRequest request) {
    ContentDocument doc = workflow.create(caller, request);
    return ResponseEntity.created(URI.create("/api/v1/content/items/" + doc.id())).eTag(tag(doc)).body(ItemResponse.of(doc));
  }

  @GetMapping
  @Operation(summary = "List items for the editorial desk", description = "content:write. Newest change first; "
      + "status filters to one workflow state (draft, in_review, approved, scheduled, published, unpublished).")
  PublicItemResponse.Page<ItemResponse> list(@Parameter(hidden = true) Caller caller,
      @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "20") String size) {
    caller.require(Caller.WRITE);
    List<FieldError> errors = new ArrayList<>();
    if (status != null && !List.of("draft", "in_review", "approved", "scheduled", "published", "unpublished")
        .contains(status)) {
      errors.add(new FieldError("status", "status.invalid",
          "status is draft, in_review, approved, scheduled, published or unpublished"));
    }
    int p = PortalController.number("page", page, 0, 10_000, errors);
    int s = PortalController.number("size", size, 1, 100, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    org.springframework.data.mongodb.core.query.Query query = status == null
        ? new org.springframework.data.mongodb.core.query.Query()
        : org.springframework.data.mongodb.core.query.Query.query(
            org.springframework.data.mongodb.core.query.Criteria.where("status").is(status));
    long total = mongo.count(query, ContentDocument.class);
    List<ItemResponse> items = mongo.find(query.with(Sort.by(Sort.Direction.DESC, "updatedAt")).skip((long) p * s)
        .limit(s), ContentDocument.class).stream().map(ItemResponse::of).toList();
    return new PublicItemResponse.Page<>(items, p, s, total);
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read an item in any state", description = "content:write. The ETag goes in If-Match of a change.")
  ResponseEntity<ItemResponse> get(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
    ContentDocument doc = workflow.get(caller, id);
    return ResponseEntity.ok().eTag(tag(doc)).body(ItemResponse.of(doc));
  }

  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Save a new edition", description = "content:write. The whole item again with a changeNote "
      + "and major true/false. Needs If-Match: 428 without it, 412 when someone changed the item since. An item in "
      + "review, approved, scheduled or taken down goes back to draft (a taken-down one stays 410 or 301 on the portal "
      + "until it is published again); a published one stays published, its history grows, and "
      + "since the new edition goes live at once it also needs content:publish.")
  ResponseEntity<ItemResponse> update(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody ContentRequest request) {
    Long version = Inputs.ifMatchVersion(ifMatch);
    if (version == null) {
      throw new ProblemException(Problems.PRECONDITION_REQUIRED,
          "A new edition needs If-Match with the ETag of the item as you read it, so no one's edition is lost.");
    }
    ContentDocument doc = workflow.update(caller, id, version, request);
    return ResponseEntity.ok().eTag(tag(doc)).body(ItemResponse.of(doc));
  }

  @PostMapping("/{id}/submit")
  @Operation(summary = "Submit a draft for review", description = "content:write. draft → in_review.")
  ResponseEntity<ItemResponse> submit(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return answer(workflow.submit(caller, id, optionalVersion(ifMatch)));
  }

  @PostMapping("/{id}/approve")
  @Operation(summary = "Approve an item under review", description = "content:publish. in_review → approved.")
  ResponseEntity<ItemResponse> approve(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return answer(workflow.approve(caller, id, optionalVersion(ifMatch)));
  }

  @PostMapping(path = "/{id}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Send an item back to its author", description = "content:publish. in_review, approved or "
      + "scheduled → draft, with {\"note\": \"…\"} saying what to change.")
  ResponseEntity<ItemResponse> reject(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody TransitionRequest request) {
    return answer(workflow.reject(caller, id, optionalVersion(ifMatch), request.note()));
  }

  @PostMapping("/{id}/publish")
  @Operation(summary = "Publish now", description = "content:publish. approved, scheduled or unpublished → "
      + "published; the edition goes to the web portal and the item's channels.")
  ResponseEntity<ItemResponse> publish(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return answer(workflow.publish(caller, id, optionalVersion(ifMatch)));
  }

  @PostMapping(path = "/{id}/schedule", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Schedule publication", description = "content:publish. approved → scheduled with "
      + "{\"publishAt\": \"2026-12-01T07:00:00+07:00\"}; published at that time, or at the next start if the "
      + "service was down then.")
  ResponseEntity<ItemResponse> schedule(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody TransitionRequest request) {
    List<FieldError> errors = new ArrayList<>();
    Instant at = Inputs.dateTime("publishAt", request.publishAt(), true, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return answer(workflow.schedule(caller, id, optionalVersion(ifMatch), at));
  }

  @PostMapping(path = "/{id}/unpublish", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Take a published item down", description = "content:publish. published → unpublished with "
      + "reason withdrawn (and a notice readers see), redirected (and redirectTo, the slug of another published "
      + "item) or gone.")
  ResponseEntity<ItemResponse> unpublish(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody TransitionRequest request) {
    return answer(workflow.unpublish(caller, id, optionalVersion(ifMatch), request.reason(),
        request.notice(), request.redirectTo()));
  }

  @GetMapping("/{id}/editions")
  @Operation(summary = "Every edition of an item, whole", description = "content:write. Oldest first.")
  List<EditionDocumentResponse> editions(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
    return workflow.editions(caller, id).stream().map(EditionDocumentResponse::of).toList();
  }

  @PostMapping("/{id}/deliveries/{channel}/retry")
  @Operation(summary = "Retry a failed delivery now", description = "content:publish. For a delivery that is "
      + "failed (gave up, or the channel refused) or retrying (waiting for its next attempt).")
  ResponseEntity<ItemResponse> retry(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @PathVariable String channel) {
    return answer(deliveries.retry(caller.require(Caller.PUBLISH), workflow.find(id), channel));
  }

  /** One edition as kept. */
  record EditionDocumentResponse(int edition, boolean major, String changeNote, Instant savedAt, String savedBy,
      String type, String slug, ContentDocument.Texts title, ContentDocument.Texts summary,
      ContentDocument.Texts body, List<String> tags, List<String> kecamatanCodes, List<ContentDocument.Media> media,
      ContentDocument.Product product, String eventId, List<String> channels) {

    static EditionDocumentResponse of(EditionDocument e) {
      return new EditionDocumentResponse(e.edition(), e.major(), e.changeNote(), e.savedAt(), e.savedBy(), e.type(),
          e.slug(), e.title(), e.summary(), e.body(), e.tags(), e.kecamatanCodes(), e.media(), e.product(),
          e.eventId(), e.channels());
    }
  }

  private static ResponseEntity<ItemResponse> answer(ContentDocument doc) {
    return ResponseEntity.ok().eTag(tag(doc)).body(ItemResponse.of(doc));
  }

  private static String tag(ContentDocument doc) {
    return Long.toString(doc.version());
  }

  private static Long optionalVersion(String ifMatch) {
    return Inputs.ifMatchVersion(ifMatch);
  }
}
