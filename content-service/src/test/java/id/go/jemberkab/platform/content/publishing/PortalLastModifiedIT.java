package id.go.jemberkab.platform.content.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.go.jemberkab.platform.testsupport.Backbone;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;

/** Last-Modified counts whole seconds, so it is not offered while the second of the last change still runs. */
class PortalLastModifiedIT {

  private static final Instant CHANGED = Instant.parse("2026-11-29T03:15:42.200Z");
  private static final String SECOND = DateTimeFormatter.RFC_1123_DATE_TIME.format(CHANGED.atOffset(ZoneOffset.UTC));

  private final MongoClient client = MongoClients.create(Backbone.get().mongoUri());
  private final MongoTemplate mongo = new MongoTemplate(client, "portal-last-modified-" + UUID.randomUUID());

  @AfterEach
  void close() {
    mongo.getDb().drop();
    client.close();
  }

  @Test
  void withinTheSecondOfTheChangeOnlyTheEtagValidatesAndFromTheNextSecondLastModifiedDoes() {
    mongo.insert(published("pasar-murah"));

    // 0.5 s after the change: a change at .9 s would have the same Last-Modified, so none is offered or believed
    PortalController sameSecond = new PortalController(mongo, Clock.fixed(CHANGED.plusMillis(500), ZoneOffset.UTC));
    MockHttpServletResponse first = new MockHttpServletResponse();
    ResponseEntity<?> answer = sameSecond.get(new ServletWebRequest(request(null), first), "pasar-murah");
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getHeaders().getLastModified()).isEqualTo(-1);
    assertThat(answer.getHeaders().getETag()).isNotNull();
    MockHttpServletResponse stale = new MockHttpServletResponse();
    assertThat(sameSecond.get(new ServletWebRequest(request(SECOND), stale), "pasar-murah"))
        .as("If-Modified-Since of the change's own second proves nothing yet").isNotNull();

    PortalController later = new PortalController(mongo, Clock.fixed(CHANGED.plusSeconds(2), ZoneOffset.UTC));
    ResponseEntity<?> settled = later.get(new ServletWebRequest(request(null), new MockHttpServletResponse()),
        "pasar-murah");
    assertThat(settled.getHeaders().getLastModified()).isEqualTo(CHANGED.getEpochSecond() * 1000);
    MockHttpServletResponse notModified = new MockHttpServletResponse();
    assertThat(later.get(new ServletWebRequest(request(SECOND), notModified), "pasar-murah")).isNull();
    assertThat(notModified.getStatus()).isEqualTo(304);
  }

  private static MockHttpServletRequest request(String ifModifiedSince) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/content/pasar-murah");
    if (ifModifiedSince != null) {
      request.addHeader("If-Modified-Since", ifModifiedSince);
    }
    return request;
  }

  private static ContentDocument published(String slug) {
    return new ContentDocument(UUID.randomUUID().toString(), slug, "news", "published", 1, 3,
        new ContentDocument.Texts("Pasar murah di Patrang", null), new ContentDocument.Texts("Ringkasan", null),
        new ContentDocument.Texts("Isi berita", null), List.of(), List.of(), List.of(), null, null, List.of("web"),
        CHANGED, "humas", CHANGED, "humas", null, CHANGED, null, null,
        List.of(new ContentDocument.HistoryEntry(1, false, "Terbit pertama", CHANGED)), Map.of(), List.of("pasar"),
        List.of());
  }
}
