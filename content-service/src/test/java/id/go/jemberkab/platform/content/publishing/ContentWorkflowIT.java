package id.go.jemberkab.platform.content.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.TopicReader;
import id.go.jemberkab.platform.testsupport.UsesBackbone;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editorial workflow, the public read API and delivery to channels, against a real broker and wire server:
 * who may do what, optimistic locking, conditional reads, search in both languages, the events each step
 * leaves on {@code content.items.v1} (valid, and without body text or authors), and problems for bad input.
 */
@UsesBackbone
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.mongodb.database=content-workflow", "platform.content.delivery.interval=200ms"})
class ContentWorkflowIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] AUTHOR = {"X-Client-Id", "humas-kecamatan", "X-Client-Scopes", "content:write"};
  private static final String[] EDITOR = {"X-Client-Id", "diskominfo", "X-Client-Scopes",
      "content:write content:publish"};
  private static final String BODY_SECRET = "Rapat koordinasi dipimpin Bapak Sutrisno";

  @LocalServerPort
  int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  /** An editor approves the text they read: an edit under review sends the item back to its author's draft. */
  @Test
  void anEditUnderReviewGoesBackToDraft() {
    String slug = "pasar-murah-" + suffix();
    String items = "/api/v1/content/items/" + json(call("POST", "/api/v1/content/items", item(slug, "news", "Pasar"),
        AUTHOR)).path("id").asString();
    HttpResponse<String> inReview = call("POST", items + "/submit", null, AUTHOR);
    assertThat(status(inReview)).isEqualTo("in_review");

    HttpResponse<String> revised = call("PUT", items, item(slug, "news", "Pasar").replace("Selasa", "Rabu"),
        with(AUTHOR, "If-Match", inReview.headers().firstValue("ETag").orElseThrow()));
    assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
    assertThat(json(revised).path("status").asString()).isEqualTo("draft");
    assertProblem(call("POST", items + "/approve", null, EDITOR), 409);
    assertThat(status(call("POST", items + "/submit", null, AUTHOR))).isEqualTo("in_review");
    assertThat(status(call("POST", items + "/approve", null, EDITOR))).isEqualTo("approved");
  }

  /**
   * A taken-down item is not a way around review: an author's edit sends it back to draft, the portal still says
   * it was withdrawn until an editor publishes the reviewed edition, and its history line is the author's.
   */
  @Test
  void anEditOfATakenDownItemGoesBackThroughReview() {
    String slug = "bazar-umkm-" + suffix();
    String items = "/api/v1/content/items/" + json(call("POST", "/api/v1/content/items", item(slug, "news", "Bazar"),
        AUTHOR)).path("id").asString();
    call("POST", items + "/submit", null, AUTHOR);
    call("POST", items + "/approve", null, EDITOR);
    assertThat(status(call("POST", items + "/publish", null, EDITOR))).isEqualTo("published");
    HttpResponse<String> withdrawn = call("POST", items + "/unpublish",
        "{\"reason\":\"withdrawn\",\"notice\":\"Bazar ditunda.\"}", EDITOR);
    assertThat(status(withdrawn)).isEqualTo("unpublished");

    HttpResponse<String> edited = call("PUT", items, item(slug, "news", "Bazar").replace("\"Edisi pertama\"",
        "\"Tanggal baru\"").replace("\"major\":false", "\"major\":true").replace("Selasa", "Sabtu")
        .replace("\"Pelatihan UMKM kopi\"", "\"Pelatihan UMKM kopi, jadwal baru\""),
        with(AUTHOR, "If-Match", withdrawn.headers().firstValue("ETag").orElseThrow()));
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    assertThat(json(edited).path("status").asString()).isEqualTo("draft");
    // and a minor fix on top of the major one: the history line must not hide the major one behind it
    HttpResponse<String> fixed = call("PUT", items, item(slug, "news", "Bazar").replace("\"Edisi pertama\"",
        "\"Salah ketik\"").replace("Selasa", "Sabtu").replace("\"Pelatihan UMKM kopi\"",
        "\"Pelatihan UMKM kopi, jadwal baru\""), with(AUTHOR, "If-Match", edited.headers().firstValue("ETag")
        .orElseThrow()));
    assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
    assertProblem(call("POST", items + "/publish", null, EDITOR), 409);
    HttpResponse<String> portal = call("GET", "/api/v1/content/" + slug);
    assertProblem(portal, 410);
    assertThat(json(portal).path("detail").asString()).isEqualTo("Bazar ditunda.");
    // the title readers saw, not the draft's that no editor has read yet
    assertThat(json(portal).path("itemTitle").asString()).isEqualTo("Pelatihan UMKM kopi");

    assertThat(status(call("POST", items + "/submit", null, AUTHOR))).isEqualTo("in_review");
    assertThat(status(call("POST", items + "/approve", null, EDITOR))).isEqualTo("approved");
    assertThat(status(call("POST", items + "/publish", null, EDITOR))).isEqualTo("published");
    HttpResponse<String> back = call("GET", "/api/v1/content/" + slug);
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(json(back).path("body").path("id").asString()).contains("Sabtu");
    JsonNode history = json(call("GET", "/api/v1/content/" + slug + "/history")).path("editions");
    assertThat(history.get(history.size() - 1).path("changeNote").asString()).isEqualTo("Tanggal baru; Salah ketik");
    assertThat(history.get(history.size() - 1).path("major").asBoolean()).isTrue();
  }

  @Test
  void authorsWriteEditorsPublishAndEveryStepLeavesItsEvent() {
    String slug = "pelatihan-umkm-kopi-" + suffix();
    HttpResponse<String> anonymous = call("POST", "/api/v1/content/items", item(slug, "news", "Kopi"));
    assertProblem(anonymous, 403);

    HttpResponse<String> created = call("POST", "/api/v1/content/items", item(slug, "news", "Kopi"), AUTHOR);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
    String id = json(created).path("id").asString();
    String items = "/api/v1/content/items/" + id;
    assertThat(json(created).path("status").asString()).isEqualTo("draft");
    assertThat(call("GET", "/api/v1/content/" + slug).statusCode()).as("a draft is not public").isEqualTo(404);

    assertProblem(call("POST", items + "/approve", null, EDITOR), 409); // a draft is not under review yet
    assertThat(status(call("POST", items + "/submit", null, AUTHOR))).isEqualTo("in_review");
    HttpResponse<String> authorApproves = call("POST", items + "/approve", null, AUTHOR);
    assertProblem(authorApproves, 403);
    assertThat(json(authorApproves).path("requiredScope").asString()).isEqualTo("content:publish");
    assertProblem(call("POST", items + "/publish", null, AUTHOR), 403);
    assertProblem(call("POST", items + "/reject", "{\"note\":\"Perbaiki judul.\"}", AUTHOR), 403);
    assertThat(status(call("POST", items + "/approve", null, EDITOR))).isEqualTo("approved");
    assertProblem(call("POST", items + "/schedule", "{\"publishAt\":\"" + java.time.Instant.now().plusSeconds(3600)
        + "\"}", AUTHOR), 403);
    HttpResponse<String> published = call("POST", items + "/publish", null, EDITOR);
    assertThat(status(published)).isEqualTo("published");

    // the portal reads it, and revalidates it for nothing
    HttpResponse<String> read = call("GET", "/api/v1/content/" + slug);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json(read).path("title").path("en").asString()).isEqualTo("Coffee training for small businesses");
    assertThat(json(read).has("createdBy")).as("nothing editorial in public").isFalse();
    String etag = read.headers().firstValue("ETag").orElseThrow();
    // Last-Modified counts whole seconds: it is offered once the second of the publishing has passed
    String lastModified = await().atMost(Duration.ofSeconds(5))
        .until(() -> call("GET", "/api/v1/content/" + slug).headers().firstValue("Last-Modified"),
            java.util.Optional::isPresent).orElseThrow();
    HttpResponse<String> revalidated = call("GET", "/api/v1/content/" + slug, null, "If-None-Match", etag);
    assertThat(revalidated.statusCode()).isEqualTo(304);
    // as the 200 would have said: without it a cache keeps what it revalidated for no time at all (RFC 9110)
    assertThat(revalidated.headers().firstValue("Cache-Control")).hasValue("max-age=30, public");
    assertThat(revalidated.body()).isEmpty();
    assertThat(call("GET", "/api/v1/content/" + slug, null, "If-Modified-Since", lastModified).statusCode())
        .isEqualTo(304);

    // a new edition: If-Match required and checked
    String version = json(published).path("version").asText();
    String edition2 = item(slug, "news", "Kopi").replace("\"Edisi pertama\"", "\"Jadwal diganti\"")
        .replace("\"major\":false", "\"major\":true").replace("Selasa", "Kamis");
    assertProblem(call("PUT", items, edition2, AUTHOR), 428);
    // it goes live at once: an author alone may not
    HttpResponse<String> byAuthor = call("PUT", items, edition2, with(AUTHOR, "If-Match", "\"" + version + "\""));
    assertProblem(byAuthor, 403);
    assertThat(json(byAuthor).path("requiredScope").asString()).isEqualTo("content:publish");
    assertProblem(call("PUT", items, edition2, with(EDITOR, "If-Match", "\"1\"")), 412);
    HttpResponse<String> updated = call("PUT", items, edition2, with(EDITOR, "If-Match", "\"" + version + "\""));
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(json(updated).path("edition").asInt()).isEqualTo(2);
    assertThat(json(updated).path("status").asString()).as("a published item stays published").isEqualTo("published");
    HttpResponse<String> stale = call("GET", "/api/v1/content/" + slug, null, "If-None-Match", etag);
    assertThat(stale.statusCode()).as("the old ETag no longer matches").isEqualTo(200);
    assertThat(json(stale).path("body").path("id").asString()).contains("Kamis");
    JsonNode history = json(call("GET", "/api/v1/content/" + slug + "/history")).path("editions");
    assertThat(history.valueStream().map(h -> h.path("edition").asInt()).toList()).containsExactly(1, 2);
    assertThat(history.get(1).path("changeNote").asString()).isEqualTo("Jadwal diganti");
    assertThat(history.get(1).path("major").asBoolean()).isTrue();
    assertThat(json(call("GET", items + "/editions", null, AUTHOR)).valueStream()
        .map(e -> e.path("body").path("id").asString().contains("Selasa")).toList()).containsExactly(true, false);

    // delivered to the web portal and, through the sandbox, to Facebook
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      JsonNode deliveries = json(call("GET", items, null, AUTHOR)).path("deliveries");
      return "delivered".equals(deliveries.path("web").path("status").asString())
          && "delivered".equals(deliveries.path("facebook").path("status").asString());
    });

    // taken down with a notice, by an editor only
    assertProblem(call("POST", items + "/unpublish", "{\"reason\":\"withdrawn\",\"notice\":\"Ditunda.\"}", AUTHOR),
        403);
    assertProblem(call("POST", items + "/unpublish", "{\"reason\":\"withdrawn\"}", EDITOR), 400);
    HttpResponse<String> withdrawn = call("POST", items + "/unpublish",
        "{\"reason\":\"withdrawn\",\"notice\":\"Acara ditunda sampai pemberitahuan berikutnya.\"}", EDITOR);
    assertThat(status(withdrawn)).isEqualTo("unpublished");
    HttpResponse<String> gone = call("GET", "/api/v1/content/" + slug);
    assertProblem(gone, 410);
    assertThat(json(gone).path("detail").asString()).isEqualTo("Acara ditunda sampai pemberitahuan berikutnya.");

    // the events, in order, each valid and without the body or the author
    List<String> expected = List.of(EventType.CONTENT_PUBLISHED.type(), EventType.CONTENT_UPDATED.type(),
        EventType.CONTENT_UNPUBLISHED.type());
    List<ConsumerRecord<String, byte[]>> events = await().atMost(Duration.ofSeconds(20)).until(
        () -> TopicReader.readAll(bootstrap, Topics.CONTENT_ITEMS.name()).stream().filter(r -> id.equals(r.key()))
            .toList(), l -> l.stream().map(r -> CloudEventHeaders.read(r).type()).toList().containsAll(expected)
            && l.stream().anyMatch(r -> CloudEventHeaders.read(r).type()
                .equals(EventType.CHANNEL_DELIVERY_SUCCEEDED.type())));
    EventSchemas schemas = EventSchemas.load();
    List<String> lifecycle = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : events) {
      CloudEvent event = CloudEventHeaders.read(record);
      EventType type = EventType.of(event.type()).orElseThrow();
      assertThat(schemas.violations(type, event.data())).as(type.type()).isEmpty();
      StringBuilder everything = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
      record.headers().forEach(h -> everything.append(' ').append(new String(h.value(), StandardCharsets.UTF_8)));
      assertThat(everything).doesNotContain("Sutrisno").doesNotContain("humas-kecamatan").doesNotContain("diskominfo");
      if (expected.contains(event.type())) {
        lifecycle.add(event.type());
      }
    }
    assertThat(lifecycle).containsExactlyElementsOf(expected);
  }

  @Test
  void thePortalFindsPublishedItemsByWordsInEitherLanguageAndByTypeTagAndKecamatan() {
    String run = suffix();
    String coffee = publish(item("kopi-robusta-" + run, "product", "Kopi")
        .replace("\"tags\":[\"umkm\"]", "\"tags\":[\"umkm\",\"t" + run + "\"]"));
    String flood = publish(item("banjir-" + run, "announcement", "Banjir")
        .replace("\"tags\":[\"umkm\"]", "\"tags\":[\"t" + run + "\"]")
        .replace("\"kecamatanCodes\":[\"35.09.19\"]", "\"kecamatanCodes\":[\"35.09.01\"]"));
    String draft = "/api/v1/content/items/" + json(call("POST", "/api/v1/content/items",
        item("kopi-rahasia-" + run, "news", "Kopi"), AUTHOR)).path("id").asString();

    assertThat(slugs("?q=kopi+t" + run)).as("Indonesian words").containsExactly("kopi-robusta-" + run);
    assertThat(slugs("?q=Coffee+T" + run)).as("English words, any case").containsExactly("kopi-robusta-" + run);
    assertThat(slugs("?q=pelatihannya+t" + run)).as("a particle does not hide a word")
        .containsExactly("kopi-robusta-" + run);
    assertThat(slugs("?q=waspada+t" + run)).as("a word only in the Indonesian body").containsExactly("banjir-" + run);
    assertThat(slugs("?q=tuesday+t" + run)).as("a word only in the English body")
        .containsExactly("kopi-robusta-" + run);
    assertThat(slugs("?q=ringkasan+t" + run)).as("a word only in the summary")
        .containsExactlyInAnyOrder("kopi-robusta-" + run, "banjir-" + run);
    assertThat(slugs("?q=flooding+t" + run)).isEmpty();
    assertThat(slugs("?q=floods+t" + run)).containsExactly("banjir-" + run);
    assertThat(slugs("?q=+&size=100")).as("an empty search box lists, it is not bad input")
        .contains("banjir-" + run, "kopi-robusta-" + run);
    assertThat(slugs("?tag=t" + run)).containsExactlyInAnyOrder("kopi-robusta-" + run, "banjir-" + run);
    assertThat(slugs("?tag=T" + run)).as("tags are kept in lower case").containsExactlyInAnyOrder(
        "kopi-robusta-" + run, "banjir-" + run);
    assertThat(slugs("?tag=t" + run + "&type=announcement")).containsExactly("banjir-" + run);
    assertThat(slugs("?tag=t" + run + "&kecamatan=35.09.19")).containsExactly("kopi-robusta-" + run);
    assertThat(coffee).isNotEqualTo(flood);
    assertThat(call("GET", draft, null, AUTHOR).statusCode()).isEqualTo(200);

    HttpResponse<String> page = call("GET", "/api/v1/content?tag=t" + run);
    String etag = page.headers().firstValue("ETag").orElseThrow();
    assertThat(call("GET", "/api/v1/content?tag=t" + run, null, "If-None-Match", etag).statusCode()).isEqualTo(304);
    call("POST", "/api/v1/content/items/" + flood + "/unpublish", "{\"reason\":\"gone\"}", EDITOR);
    HttpResponse<String> changed = call("GET", "/api/v1/content?tag=t" + run, null, "If-None-Match", etag);
    assertThat(changed.statusCode()).as("an item left the list").isEqualTo(200);
    assertThat(json(changed).path("total").asInt()).isEqualTo(1);
    assertProblem(call("GET", "/api/v1/content/banjir-" + run), 410);
    assertProblem(call("GET", "/api/v1/content/banjir-" + run + "/history"), 410);

    // merged into another item: the old address sends readers on, its history too
    HttpResponse<String> merged = call("POST", "/api/v1/content/items/" + coffee + "/unpublish",
        "{\"reason\":\"redirected\",\"redirectTo\":\"banjir-" + run + "\"}", EDITOR);
    assertProblem(merged, 400); // not to an item that is no longer published
    String kept = publish(item("kopi-arabika-" + run, "product", "Kopi"));
    HttpResponse<String> redirected = call("POST", "/api/v1/content/items/" + coffee + "/unpublish",
        "{\"reason\":\"redirected\",\"redirectTo\":\"kopi-arabika-" + run + "\"}", EDITOR);
    assertThat(status(redirected)).isEqualTo("unpublished");
    HttpResponse<String> moved = call("GET", "/api/v1/content/kopi-robusta-" + run);
    assertThat(moved.statusCode()).isEqualTo(301);
    assertThat(moved.headers().firstValue("Location")).contains("/api/v1/content/kopi-arabika-" + run);
    // a redirect can be undone by publishing the item again: without this, browsers keep a 301 for good
    assertThat(moved.headers().firstValue("Cache-Control")).contains("max-age=30, public");
    HttpResponse<String> movedHistory = call("GET", "/api/v1/content/kopi-robusta-" + run + "/history");
    assertThat(movedHistory.statusCode()).isEqualTo(301);
    assertThat(movedHistory.headers().firstValue("Location")).contains("/api/v1/content/kopi-arabika-" + run
        + "/history");
    assertThat(kept).isNotEqualTo(coffee);
  }

  @Test
  void aTakenSlugIsAConflictAndBadInputOnEveryEndpointIsAProblemThatChangesNothing() {
    String slug = "alun-alun-" + suffix();
    String id = json(call("POST", "/api/v1/content/items", item(slug, "news", "Alun"), AUTHOR)).path("id").asString();
    String items = "/api/v1/content/items/" + id;
    assertProblem(call("POST", "/api/v1/content/items", item(slug, "news", "Alun"), AUTHOR), 409);

    Map<String, Integer> cases = new java.util.LinkedHashMap<>();
    List<String[]> requests = List.of(
        new String[] {"POST", "/api/v1/content/items", "not json", "400"},
        new String[] {"POST", "/api/v1/content/items", "{}", "400"},
        new String[] {"POST", "/api/v1/content/items", "null", "400"},
        new String[] {"POST", "/api/v1/content/items", "{\"type\":\"gossip\",\"title\":{\"id\":\"x\"},\"body\":{\"id\":\"y\"},"
            + "\"tags\":[\"Not A Tag!\"],\"kecamatanCodes\":[\"35.10.01\"],\"channels\":[\"tiktok\"],"
            + "\"media\":[{\"url\":\"ftp://x\",\"type\":\"image\"}]}", "400"},
        new String[] {"POST", "/api/v1/content/items", "{\"type\":\"product\",\"title\":{\"id\":\"x\"},\"body\":{\"id\":\"y\"}}", "400"},
        new String[] {"POST", "/api/v1/content/items", "{\"type\":\"news\",\"title\":{\"id\":\"x\"},\"body\":{\"id\":\"y\"},"
            + "\"slug\":\"items\"}", "400"},
        new String[] {"POST", "/api/v1/content/items", "{\"type\":\"news\",\"tags\":5}", "400"},
        // a NUL in the title: garbage on the portal, and cut short in the channels' posts
        new String[] {"POST", "/api/v1/content/items", "{\"type\":\"news\",\"title\":{\"id\":\"Berita\\u0000uji\"},"
            + "\"body\":{\"id\":\"Isi\\nbaris dua\"}}", "400"},
        new String[] {"POST", "/api/v1/content/items", "{\"type\":\"news\",\"title\":{\"id\":\"x\"},\"body\":{\"id\":\"y\"},"
            + "\"channels\":[null]}", "400"},
        new String[] {"PUT", items, item(slug, "news", "Alun"), "428"},
        new String[] {"PUT", items, "{}", "428"},
        new String[] {"PUT", "/api/v1/content/items/nope", item(slug, "news", "Alun"), "404", "If-Match", "\"1\""},
        new String[] {"GET", "/api/v1/content/items?status=lost", null, "400"},
        new String[] {"GET", "/api/v1/content/items?page=-1&size=1000", null, "400"},
        new String[] {"GET", "/api/v1/content/items/" + UUID.randomUUID(), null, "404"},
        new String[] {"POST", items + "/publish", null, "409"},
        new String[] {"POST", items + "/schedule", "{\"publishAt\":\"yesterday\"}", "400"},
        new String[] {"POST", items + "/schedule", "{\"publishAt\":\"2020-01-01T00:00:00Z\"}", "400"},
        new String[] {"POST", items + "/schedule", "", "400"},
        new String[] {"POST", items + "/schedule", "{\"publishAt\":\"+300000000-01-01T00:00:00Z\"}", "400"},
        new String[] {"POST", items + "/reject", "{}", "400"},
        new String[] {"POST", items + "/unpublish", "{\"reason\":\"bored\"}", "400"},
        new String[] {"POST", items + "/submit", null, "400", "If-Match", "banana"},
        new String[] {"POST", items + "/deliveries/facebook/retry", null, "404"},
        new String[] {"GET", "/api/v1/content?type=gossip&kecamatan=35.10.01&tag=A%20B&page=x&size=0", null, "400"},
        new String[] {"GET", "/api/v1/content?q=dan+di+the", null, "400"},
        new String[] {"GET", "/api/v1/content/Not_A_Slug", null, "404"},
        new String[] {"GET", "/api/v1/content/" + slug, null, "404"},
        new String[] {"DELETE", items, null, "405"});
    for (String[] r : requests) {
      String[] headers = r.length > 4 ? with(EDITOR, r[4], r[5]) : EDITOR;
      HttpResponse<String> response = call(r[0], r[1], r[2], headers);
      cases.put(r[0] + " " + r[1] + " " + r[2], response.statusCode());
      assertProblem(response, Integer.parseInt(r[3]));
    }
    // a list far longer than Jember has kecamatan is refused whole, not with an error per entry
    HttpResponse<String> tooMany = call("POST", "/api/v1/content/items", "{\"type\":\"news\",\"title\":{\"id\":\"x\"},"
        + "\"body\":{\"id\":\"y\"},\"kecamatanCodes\":[" + "\"\",".repeat(50_000) + "\"\"],\"channels\":["
        + "\"web\",".repeat(1_000) + "\"web\"]}", AUTHOR);
    assertProblem(tooMany, 400);
    assertThat(json(tooMany).path("errors").valueStream().map(e -> e.path("field").asString()).toList())
        .containsExactlyInAnyOrder("kecamatanCodes", "channels");
    HttpResponse<String> invalid = call("POST", "/api/v1/content/items", requests.get(3)[2], AUTHOR);
    assertThat(json(invalid).path("errors").valueStream().map(e -> e.path("field").asString()).toList())
        .contains("type", "tags[0]", "kecamatanCodes[0]", "channels[0]", "media[0].url", "media[0].altText");
    JsonNode unchanged = json(call("GET", items, null, AUTHOR));
    assertThat(unchanged.path("version").asInt()).as(cases.toString()).isEqualTo(1);
    assertThat(unchanged.path("status").asString()).isEqualTo("draft");
  }

  @Test
  void anEventPageNamesItsEventAndGoesLiveWithAValidEvent() {
    String run = suffix();
    String eventId = UUID.randomUUID().toString();
    String page = item("webinar-umkm-" + run, "event-page", "Kopi").replace("\"tags\":[\"umkm\"]",
        "\"tags\":[\"umkm\",\"t" + run + "\"]");
    assertProblem(call("POST", "/api/v1/content/items", page, AUTHOR), 400); // no event id
    assertProblem(call("POST", "/api/v1/content/items", item("berita-" + run, "news", "Kopi")
        .replace("\"major\":false", "\"major\":false,\"eventId\":\"" + eventId + "\""), AUTHOR), 400);
    String id = publish(page.replace("\"major\":false", "\"major\":false,\"eventId\":\"" + eventId + "\""));

    JsonNode read = json(call("GET", "/api/v1/content/webinar-umkm-" + run));
    assertThat(read.path("type").asString()).isEqualTo("event-page");
    assertThat(read.path("eventId").asString()).isEqualTo(eventId);
    List<ConsumerRecord<String, byte[]>> published = await().atMost(Duration.ofSeconds(20)).until(
        () -> TopicReader.readAll(bootstrap, Topics.CONTENT_ITEMS.name()).stream().filter(r -> id.equals(r.key()))
            .filter(r -> CloudEventHeaders.read(r).type().equals(EventType.CONTENT_PUBLISHED.type())).toList(),
        l -> !l.isEmpty());
    assertThat(EventSchemas.load().violations(EventType.CONTENT_PUBLISHED, CloudEventHeaders.read(published.get(0))
        .data())).isEmpty();

    // pages past the end are empty, not an error; a page number out of range is one
    HttpResponse<String> beyond = call("GET", "/api/v1/content?tag=t" + run + "&page=5&size=10");
    assertThat(beyond.statusCode()).isEqualTo(200);
    assertThat(json(beyond).path("items").size()).isZero();
    assertThat(json(beyond).path("total").asInt()).isEqualTo(1);
    assertProblem(call("GET", "/api/v1/content?page=-1"), 400);
    assertProblem(call("GET", "/api/v1/content?size=101"), 400);

    // a transition on a stale ETag, and the editions of an item that does not exist
    assertProblem(call("POST", "/api/v1/content/items/" + id + "/unpublish",
        "{\"reason\":\"gone\"}", with(EDITOR, "If-Match", "\"1\"")), 412);
    assertProblem(call("GET", "/api/v1/content/items/" + UUID.randomUUID() + "/editions", null, AUTHOR), 404);
  }

  private String publish(String body) {
    String id = json(call("POST", "/api/v1/content/items", body, AUTHOR)).path("id").asString();
    call("POST", "/api/v1/content/items/" + id + "/submit", null, AUTHOR);
    call("POST", "/api/v1/content/items/" + id + "/approve", null, EDITOR);
    assertThat(status(call("POST", "/api/v1/content/items/" + id + "/publish", null, EDITOR))).isEqualTo("published");
    return id;
  }

  private List<String> slugs(String query) {
    HttpResponse<String> response = call("GET", "/api/v1/content" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).path("items").valueStream().map(i -> i.path("slug").asString()).toList();
  }

  static String item(String slug, String type, String topic) {
    String product = "product".equals(type) ? ",\"product\":{\"name\":\"Kopi Robusta\",\"producer\":\"KUB Tani "
        + "Sidomulyo\",\"kecamatanCode\":\"35.09.19\",\"priceMin\":45000,\"priceMax\":120000,\"howToOrder\":\"Galeri "
        + "UMKM\"}" : "";
    String title = "Banjir".equals(topic)
        ? "{\"id\":\"Peringatan banjir di Kencong\",\"en\":\"Flood warning in Kencong\"}"
        : "{\"id\":\"Pelatihan UMKM kopi\",\"en\":\"Coffee training for small businesses\"}";
    String body = "Banjir".equals(topic)
        ? "{\"id\":\"Warga diminta waspada.\",\"en\":\"Residents should stay alert to floods.\"}"
        : "{\"id\":\"Pelatihan hari Selasa di pendopo. " + BODY_SECRET + ".\",\"en\":\"Training on Tuesday.\"}";
    return """
        {"type":"%s","slug":"%s","title":%s,"summary":{"id":"Ringkasan","en":"Summary"},"body":%s,
         "tags":["umkm"],"kecamatanCodes":["35.09.19"],
         "media":[{"url":"https://jemberkab.go.id/media/foto.jpg","type":"image","altText":"Foto kegiatan"}],
         "channels":["facebook"],"changeNote":"Edisi pertama","major":false%s}"""
        .formatted(type, slug, title, body, product);
  }

  private HttpResponse<String> call(String method, String path) {
    return call(method, path, null);
  }

  private HttpResponse<String> call(String method, String path, String body, String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    if (body != null) {
      all.addAll(List.of("Content-Type", "application/json"));
    }
    return Http.request(method, "http://localhost:" + port + path, body, all.toArray(String[]::new));
  }

  private static String[] with(String[] headers, String... more) {
    List<String> all = new ArrayList<>(List.of(headers));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String status(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).path("status").asString();
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    // RFC 9457's members as they are: an extension of the same name (a second "status") would replace them
    assertThat(json(response).path("status").isNumber()).as(response.body()).isTrue();
    assertThat(json(response).path("status").asInt()).isEqualTo(status);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
