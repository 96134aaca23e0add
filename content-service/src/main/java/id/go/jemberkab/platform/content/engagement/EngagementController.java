package id.go.jemberkab.platform.content.engagement;

import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/content/engagement}: the portal's and the channels' engagement, in batches. */
@RestController
@RequestMapping(path = "/api/v1/content/engagement", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Engagement intake")
class EngagementController {

  static final ProblemType UNAVAILABLE = new ProblemType("service-unavailable", "Service unavailable",
      HttpStatus.SERVICE_UNAVAILABLE);

  private final EngagementIntake intake;
  private final int maxItems;

  EngagementController(EngagementIntake intake, @Value("${platform.engagement.max-items:1000}") int maxItems) {
    this.intake = intake;
    this.maxItems = maxItems;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Record a batch of engagement",
      description = "Each item is checked on its own and gets a result: accepted, invalid (with its errors), bot "
          + "(by user agent: counted, not recorded) or duplicate (an id this client sent in the last 2 days). 202 once the "
          + "broker has acknowledged every accepted item; 503 when it did not (those items are unavailable and "
          + "may be sent again with the same id). The IP address and user agent only make the visitor's "
          + "daily-rotated hash and are never stored.",
      requestBody = @RequestBody(content = @Content(examples = @ExampleObject(value = """
          {"items":[{"id":"pv-2026-11-28-000001","contentId":"0f8b7c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f",
           "channel":"web","action":"view","occurredAt":"2026-11-28T02:14:09Z","ip":"203.0.113.7",
           "userAgent":"Mozilla/5.0 (Linux; Android 14)","kecamatanCode":"35.09.19"},
           {"id":"yt-9f1c-77","contentId":"0f8b7c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f","channel":"youtube",
           "action":"watch","occurredAt":"2026-11-28T02:15:00Z","visitorId":"UCx8…","watchSeconds":184}]}"""))))
  @ApiResponse(responseCode = "202", content = @Content(mediaType = "application/json", examples = @ExampleObject(
      value = "{\"accepted\":1,\"invalid\":1,\"results\":[{\"index\":0,\"id\":\"pv-2026-11-28-000001\",\"status\":"
          + "\"accepted\",\"errors\":[]},{\"index\":1,\"id\":\"yt-9f1c-77\",\"status\":\"invalid\",\"errors\":"
          + "[{\"field\":\"items[1].watchSeconds\",\"code\":\"watch-seconds.invalid\",\"message\":\"watchSeconds "
          + "is required for watch: 0 to 86400\"}]}]}")))
  ResponseEntity<Map<String, Object>> take(@org.springframework.web.bind.annotation.RequestBody JsonNode body,
      @io.swagger.v3.oas.annotations.Parameter(hidden = true)
      @org.springframework.web.bind.annotation.RequestHeader(value = "X-Client-Id", required = false) String client) {
    if (body != null && body.isObject()) {
      for (String name : body.propertyNames()) {
        if (!name.equals("items")) {
          throw new InvalidRequestException(List.of(new FieldError(EngagementIntake.shortName(name), "unknown-field",
              "unknown field; remove it")));
        }
      }
    }
    JsonNode items = body == null ? null : body.path("items");
    if (items == null || !items.isArray() || items.isEmpty() || items.size() > maxItems) {
      throw InvalidRequestException.of("items", "items.invalid",
          "items is required: an array of 1 to " + maxItems + " engagement items");
    }
    List<JsonNode> list = new ArrayList<>(items.size());
    items.forEach(list::add);
    List<EngagementIntake.Result> results = intake.take(client, list);
    Map<String, Object> answer = new LinkedHashMap<>(EngagementIntake.summary(results));
    answer.put("results", results);
    if (answer.containsKey("unavailable")) {
      throw new ProblemException(UNAVAILABLE, "The event broker did not acknowledge "
          + answer.get("unavailable") + " item(s); send those again with the same ids.", answer);
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
  }
}
