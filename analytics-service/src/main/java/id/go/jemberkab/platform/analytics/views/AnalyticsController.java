package id.go.jemberkab.platform.analytics.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.Inputs;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.problems.NotFoundException;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The analysts' query API over the views: time series, top-N, per-group figures and funnels, as JSON or CSV
 * ({@code format=csv} or {@code Accept: text/csv}), paged; and a live stream of a view's updates.
 */
@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics views")
class AnalyticsController {

  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
  private static final Set<String> WINDOWS = Set.of("1m", "1h", "1d");
  private static final Set<String> METRICS = Set.of("views", "likes", "shares", "comments", "watchSeconds");
  private static final int MAX_SIZE = 1000;
  /** The deepest row a page reaches. */
  private static final long MAX_DEPTH = 100_000;
  private static final ProblemType STREAMS_FULL = new ProblemType("service-unavailable", "Service unavailable",
      org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE);

  private final ViewQueries queries;
  private final ViewUpdates updates;

  AnalyticsController(ViewQueries queries, ViewUpdates updates) {
    this.queries = queries;
    this.updates = updates;
  }

  @GetMapping("/engagement")
  @Operation(summary = "Engagement time series",
      description = "Engagement windows of one scope (a content item or a channel), oldest first, for windows "
          + "starting in [from, to). Defaults: scope channel, window 1h, the last 24 hours.")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", examples = @ExampleObject(
      value = "{\"view\":\"engagement\",\"page\":0,\"size\":100,\"total\":1,\"items\":[{\"scope\":\"channel\","
          + "\"key\":\"instagram\",\"window\":\"1h\",\"windowStart\":\"2026-11-28T02:00:00Z\",\"windowEnd\":"
          + "\"2026-11-28T03:00:00Z\",\"views\":1204,\"likes\":311,\"shares\":42,\"comments\":19,\"follows\":7,"
          + "\"unfollows\":1,\"watchSeconds\":0,\"uniqueVisitors\":880,\"updatedAt\":\"2026-11-28T02:14:10Z\"}]}")))
  ResponseEntity<?> engagement(
      @Parameter(description = "content or channel") @RequestParam(defaultValue = "channel") String scope,
      @Parameter(description = "a content id or a channel; all of the scope when absent") @RequestParam(required = false) String key,
      @Parameter(description = "1m, 1h or 1d") @RequestParam(defaultValue = "1h") String window,
      @Parameter(description = "RFC 3339; default 24 hours before to") @RequestParam(required = false) String from,
      @Parameter(description = "RFC 3339; default now") @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "100") String size,
      @Parameter(description = "json or csv") @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    List<FieldError> errors = new ArrayList<>();
    oneOf("scope", scope, Set.of("content", "channel"), errors);
    oneOf("window", window, WINDOWS, errors);
    Instant[] range = range(from, to, errors);
    span(window, range, errors);
    int[] paging = paging(page, size, errors);
    boolean csv = csv(format, accept, errors);
    fail(errors);
    Criteria criteria = where("scope").is(scope).and("window").is(window).and("startMs")
        .gte(range[0].toEpochMilli()).lt(range[1].toEpochMilli());
    if (key != null && !key.isBlank()) {
      criteria = criteria.and("key").is(key.strip());
    }
    return answer("engagement", queries.rows(ReadModel.View.ENGAGEMENT, criteria,
        Sort.by("startMs", "key"), paging[0], paging[1]), paging, csv, List.of("scope", "key", "window",
        "windowStart", "windowEnd", "views", "likes", "shares", "comments", "follows", "unfollows", "watchSeconds",
        "uniqueVisitors", "updatedAt"));
  }

  @GetMapping("/engagement/top")
  @Operation(summary = "Top content by engagement",
      description = "The content items with the most of one metric, summed over the windows starting in "
          + "[from, to), named from content.items.v1 (type, title, slug, published or not; null before the item's "
          + "publication is seen). Defaults: views, 1h windows, the last 24 hours, 10 items.")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", examples = @ExampleObject(
      value = "{\"metric\":\"views\",\"window\":\"1h\",\"from\":\"2026-11-27T03:00:00Z\",\"to\":"
          + "\"2026-11-28T03:00:00Z\",\"items\":[{\"contentId\":\"0f8b7c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f\","
          + "\"type\":\"product\",\"title\":\"Kopi Robusta Sidomulyo, produk unggulan Silo\",\"slug\":"
          + "\"kopi-robusta-sidomulyo\",\"status\":\"published\",\"total\":5120,\"views\":5120,\"likes\":804,"
          + "\"shares\":97,\"comments\":61,\"watchSeconds\":0}]}")))
  ResponseEntity<?> top(@RequestParam(defaultValue = "views") String metric,
      @Parameter(description = "1m, 1h or 1d") @RequestParam(defaultValue = "1h") String window,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @Parameter(description = "1 to 100") @RequestParam(defaultValue = "10") String limit,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    List<FieldError> errors = new ArrayList<>();
    oneOf("metric", metric, METRICS, errors);
    oneOf("window", window, WINDOWS, errors);
    Instant[] range = range(from, to, errors);
    span(window, range, errors);
    int n = integer("limit", limit, 1, 100, errors);
    boolean csv = csv(format, accept, errors);
    fail(errors);
    List<Document> top = queries.top(window, range[0], range[1], metric, n);
    Map<String, Document> cards = queries.cards(top.stream().map(d -> d.getString("_id")).toList());
    List<Document> items = top.stream().map(d -> {
      Document card = cards.getOrDefault(d.getString("_id"), new Document());
      Document item = new Document("contentId", d.get("_id")).append("type", card.get("type"))
          .append("title", card.get("titleId")).append("slug", card.get("slug")).append("status", card.get("status"));
      item.putAll(d);
      item.remove("_id");
      return item;
    }).toList();
    if (csv) {
      return csv(items, List.of("contentId", "type", "title", "slug", "status", "total", "views", "likes", "shares",
          "comments", "watchSeconds"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("metric", metric);
    body.put("window", window);
    body.put("from", range[0].toString());
    body.put("to", range[1].toString());
    body.put("items", items);
    return ResponseEntity.ok(body);
  }

  @GetMapping("/followers")
  @Operation(summary = "Followers per channel over time",
      description = "One row per channel and day (Asia/Jakarta) with the day's last measurement, days in "
          + "[from, to] (dates; default the last 30 days), by channel then day.")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", examples = @ExampleObject(
      value = "{\"view\":\"followers\",\"page\":0,\"size\":100,\"total\":1,\"items\":[{\"channel\":\"facebook\","
          + "\"day\":\"2026-11-28\",\"metric\":\"page_follows\",\"followers\":48213,\"previousFollowers\":48150,"
          + "\"measuredAt\":\"2026-11-28T10:00:00Z\"}]}")))
  ResponseEntity<?> followers(
      @Parameter(description = "web, facebook, instagram or youtube; all when absent") @RequestParam(required = false) String channel,
      @Parameter(description = "first day, e.g. 2026-11-01") @RequestParam(required = false) String from,
      @Parameter(description = "last day; default today") @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "100") String size,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    List<FieldError> errors = new ArrayList<>();
    if (channel != null) {
      oneOf("channel", channel, Set.of("web", "facebook", "instagram", "youtube"), errors);
    }
    java.time.LocalDate last = day("to", to, java.time.LocalDate.now(RequestState.JAKARTA), errors);
    java.time.LocalDate first = day("from", from, last.minusDays(29), errors);
    if (first.isAfter(last)) {
      errors.add(new FieldError("from", "range.invalid", "from must not be after to"));
    }
    int[] paging = paging(page, size, errors);
    boolean csv = csv(format, accept, errors);
    fail(errors);
    Criteria criteria = where("day").gte(first.toString()).lte(last.toString());
    if (channel != null) {
      criteria = criteria.and("channel").is(channel);
    }
    return answer("followers", queries.rows(ReadModel.View.FOLLOWERS, criteria, Sort.by("channel", "day"),
        paging[0], paging[1]), paging, csv, List.of("channel", "day", "metric", "followers", "previousFollowers",
        "measuredAt"));
  }

  static final Set<String> POST_SORTS = Set.of("engagements", "engagementRate", "views", "reach", "measuredAt");

  @GetMapping("/posts")
  @Operation(summary = "How each post does on each channel",
      description = "One row per content item and channel with the latest figures the insight pollers read: views, "
          + "reach, reactions, comments, shares, engagements (the three together) and the engagement rate "
          + "(engagements per account reached), with the item's title and slug. Highest first by sort "
          + "(engagements, engagementRate, views, reach or measuredAt; default engagements); a figure the channel "
          + "does not report is null and sorts last.")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", examples = @ExampleObject(
      value = "{\"view\":\"posts\",\"page\":0,\"size\":100,\"total\":1,\"items\":[{\"contentId\":"
          + "\"0f8b7c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f\",\"title\":\"Vaksinasi gratis di Kecamatan Patrang\",\"slug\":"
          + "\"vaksinasi-gratis-kecamatan-patrang\",\"channel\":\"facebook\",\"externalId\":\"104729_555\",\"views\":"
          + "5321,\"reach\":4102,\"reactions\":140,\"comments\":8,\"shares\":12,\"engagements\":160,"
          + "\"engagementRate\":0.039,\"firstMeasuredAt\":\"2026-11-28T03:00:00Z\",\"measuredAt\":"
          + "\"2026-11-28T10:00:00Z\"}]}")))
  ResponseEntity<?> posts(
      @Parameter(description = "one content item (UUID); all when absent") @RequestParam(required = false) String contentId,
      @Parameter(description = "facebook, instagram or youtube; all when absent") @RequestParam(required = false) String channel,
      @Parameter(description = "engagements, engagementRate, views, reach or measuredAt") @RequestParam(defaultValue = "engagements") String sort,
      @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "100") String size,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    List<FieldError> errors = new ArrayList<>();
    if (contentId != null && !contentId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      errors.add(new FieldError("contentId", "content-id.invalid", "contentId must be a UUID in lower case"));
    }
    if (channel != null) {
      oneOf("channel", channel, Set.of("facebook", "instagram", "youtube"), errors);
    }
    oneOf("sort", sort, POST_SORTS, errors);
    int[] paging = paging(page, size, errors);
    boolean csv = csv(format, accept, errors);
    fail(errors);
    Criteria criteria = new Criteria();
    if (contentId != null) {
      criteria = criteria.and("contentId").is(contentId);
    }
    if (channel != null) {
      criteria = criteria.and("channel").is(channel);
    }
    ViewQueries.Page rows = queries.rows(ReadModel.View.POSTS, criteria, Sort.by(Sort.Order.desc(sort),
        Sort.Order.asc("contentId"), Sort.Order.asc("channel")), paging[0], paging[1]);
    Map<String, Document> cards = queries.cards(rows.rows().stream().map(d -> d.getString("contentId")).toList());
    List<Document> items = rows.rows().stream().map(d -> {
      Document card = cards.getOrDefault(d.getString("contentId"), new Document());
      Document item = new Document("contentId", d.get("contentId")).append("title", card.get("titleId"))
          .append("slug", card.get("slug"));
      item.putAll(d);
      return item;
    }).toList();
    return answer("posts", new ViewQueries.Page(items, rows.total()), paging, csv, List.of("contentId", "title",
        "slug", "channel", "externalId", "views", "reach", "reactions", "comments", "shares", "engagements",
        "engagementRate", "firstMeasuredAt", "measuredAt"));
  }

  private static java.time.LocalDate day(String field, String value, java.time.LocalDate otherwise,
      List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      java.time.LocalDate day = java.time.LocalDate.parse(value.strip());
      // four-digit years only: days are compared as text, and a year like -999999999 breaks the date arithmetic
      if (day.getYear() >= 1 && day.getYear() <= 9999) {
        return day;
      }
    } catch (java.time.format.DateTimeParseException e) {
      // reported below
    }
    errors.add(new FieldError(field, "date.invalid", field + " must be a date such as 2026-11-28"));
    return otherwise;
  }

  @GetMapping("/service-requests")
  @Operation(summary = "Service requests per service, OPD or kecamatan",
      description = "Open and overdue counts, time to resolve (median, p90 in hours) and the share resolved "
          + "within the SLA, for requests submitted in one ISO week (e.g. 2026-W48) or in all weeks (all). A "
          + "kecamatan with fewer than k requests shows null counts and suppressed: true.")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", examples = @ExampleObject(
      value = "{\"view\":\"service-requests\",\"page\":0,\"size\":100,\"total\":1,\"items\":[{\"dimension\":"
          + "\"opd\",\"key\":\"DPUBMSDA\",\"week\":\"all\",\"submitted\":41,\"open\":12,\"overdue\":3,"
          + "\"resolved\":29,\"resolvedWithinSla\":25,\"slaShare\":0.862,\"medianResolveHours\":30.5,"
          + "\"p90ResolveHours\":71.0,\"suppressed\":false}]}")))
  ResponseEntity<?> serviceRequests(
      @Parameter(description = "service, opd or kecamatan") @RequestParam(defaultValue = "opd") String groupBy,
      @Parameter(description = "all, or an ISO week such as 2026-W48") @RequestParam(defaultValue = "all") String week,
      @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "100") String size,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    List<FieldError> errors = new ArrayList<>();
    oneOf("groupBy", groupBy, Set.of("service", "opd", "kecamatan"), errors);
    if (!isoWeek(week)) {
      errors.add(new FieldError("week", "week.invalid", "week must be all or an ISO week such as 2026-W48"));
    }
    int[] paging = paging(page, size, errors);
    boolean csv = csv(format, accept, errors);
    fail(errors);
    return answer("service-requests", queries.rows(ReadModel.View.SERVICE_REQUESTS,
        where("dimension").is(groupBy).and("week").is(week), Sort.by("key"), paging[0], paging[1]), paging, csv,
        List.of("dimension", "key", "week", "submitted", "open", "overdue", "resolved", "resolvedWithinSla",
            "slaShare", "medianResolveHours", "p90ResolveHours", "suppressed"));
  }

  @GetMapping("/registration-funnel/{eventId}")
  @Operation(summary = "Registration funnel of one event",
      description = "Registered, confirmed, waitlisted, offered, promoted, cancelled, checked in, and views of "
          + "the event's page or overflow stream.")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", examples = @ExampleObject(
      value = "{\"eventId\":\"a1d3c0de-6e7f-4b1a-9c2d-3e4f5a6b7c8d\",\"capacity\":1000,\"registered\":2000,"
          + "\"confirmed\":1000,\"waitlisted\":1000,\"offered\":40,\"promoted\":31,\"cancelled\":49,"
          + "\"checkedIn\":912,\"overflowViews\":1533}")))
  Document funnel(@PathVariable String eventId) {
    return queries.rows(ReadModel.View.REGISTRATION_FUNNEL, where("eventId").is(eventId), Sort.by("eventId"), 0, 1)
        .rows().stream().findFirst()
        .orElseThrow(() -> new NotFoundException("No registrations for this event yet."));
  }

  /** {@code all}, or a week that exists: 2025-W53 does not (2025 has 52 ISO weeks), nor does W00 or W99. */
  static boolean isoWeek(String week) {
    if (week.equals("all")) {
      return true;
    }
    if (!week.matches("[0-9]{4}-W[0-9]{2}")) {
      return false;
    }
    int year = Integer.parseInt(week.substring(0, 4));
    int number = Integer.parseInt(week.substring(6));
    // a week-based year has 53 weeks when its 28 December falls in week 53
    long weeks = java.time.LocalDate.of(year, 12, 28).get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    return year >= 1 && number >= 1 && number <= weeks;
  }

  @GetMapping("/citizen-registrations")
  @Operation(summary = "Registered citizens per region",
      description = "Citizens in the registry by the kecamatan or desa of their current address, ordered by "
          + "official code; regions without registrations are left out. A region with fewer than k citizens "
          + "shows count null and suppressed true.")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", examples = @ExampleObject(
      value = "{\"groupBy\":\"kecamatan\",\"items\":[{\"code\":\"35.09.19\",\"name\":\"Kaliwates\",\"count\":"
          + "112904,\"suppressed\":false},{\"code\":\"35.09.31\",\"name\":\"Semboro\",\"count\":null,"
          + "\"suppressed\":true}]}")))
  ResponseEntity<?> registrations(
      @Parameter(description = "kecamatan or desa") @RequestParam(defaultValue = "kecamatan") String groupBy,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    String level = groupBy.toLowerCase(Locale.ROOT);
    List<FieldError> errors = new ArrayList<>();
    if (!level.equals("kecamatan") && !level.equals("desa")) {
      errors.add(new FieldError("groupBy", "group-by.invalid", "groupBy must be kecamatan or desa"));
    }
    boolean csv = csv(format, accept, errors);
    fail(errors);
    RegionDirectory regions = RegionDirectory.jember();
    List<Document> items = queries.rows(ReadModel.View.CITIZEN_REGISTRATIONS, where("level").is(level),
        Sort.by("code"), 0, Integer.MAX_VALUE).rows().stream().map(d -> new Document("code", d.get("code"))
            .append("name", regions.find(d.getString("code")).map(Region::name).orElse(null))
            .append("count", d.get("count")).append("suppressed", d.get("suppressed"))).toList();
    if (csv) {
      return csv(items, List.of("code", "name", "count", "suppressed"));
    }
    return ResponseEntity.ok(Map.of("groupBy", level, "items", items));
  }

  @GetMapping(path = "/stream/{view}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(summary = "Live updates of a view (Server-Sent Events)",
      description = "Each row the view writes, as it is written: event name = the view, id = the row key, data "
          + "= the row as JSON. Views: engagement, followers, service-requests, registration-funnel, "
          + "citizen-registrations, content, posts.")
  SseEmitter stream(@PathVariable String view) {
    ReadModel.View v = ReadModel.View.of(view).orElseThrow(() -> InvalidRequestException.of("view", "view.invalid",
        "view must be one of engagement, followers, service-requests, registration-funnel, citizen-registrations, content, "
            + "posts"));
    return updates.subscribe(v).orElseThrow(() -> new ProblemException(STREAMS_FULL,
        "too many live streams are open; try again later"));
  }

  private static ResponseEntity<?> answer(String view, ViewQueries.Page page, int[] paging, boolean csv,
      List<String> columns) {
    if (csv) {
      return csv(page.rows(), columns);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("view", view);
    body.put("page", paging[0]);
    body.put("size", paging[1]);
    body.put("total", page.total());
    body.put("items", page.rows());
    return ResponseEntity.ok(body);
  }

  private static ResponseEntity<String> csv(List<Document> rows, List<String> columns) {
    StringBuilder out = new StringBuilder(String.join(",", columns)).append("\r\n");
    for (Document row : rows) {
      for (int i = 0; i < columns.size(); i++) {
        out.append(i == 0 ? "" : ",").append(cell(row.get(columns.get(i))));
      }
      out.append("\r\n");
    }
    return ResponseEntity.ok().contentType(CSV).body(out.toString());
  }

  /**
   * One CSV cell. Text that a spreadsheet would run as a formula (a content title of {@code =HYPERLINK(…)}, put
   * there by anyone with {@code content:write}) starts with a {@code '} instead, as OWASP advises; numbers stay
   * numbers, negative ones included.
   */
  static String cell(Object value) {
    String cell = value == null ? "" : value.toString();
    if (value instanceof String && !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
      cell = "'" + cell;
    }
    return cell.matches("[^,\"\r\n]*") ? cell : "\"" + cell.replace("\"", "\"\"") + "\"";
  }

  /** CSV for {@code format=csv}, or when {@code Accept} prefers {@code text/csv} to JSON (quality values weighed). */
  static boolean csv(String format, String accept, List<FieldError> errors) {
    if (format != null) {
      oneOf("format", format, Set.of("json", "csv"), errors);
      return "csv".equals(format);
    }
    if (accept == null || !accept.contains("text/csv")) {
      return false;
    }
    try {
      List<MediaType> wanted = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
      MimeTypeUtils.sortBySpecificity(wanted);
      wanted.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
      for (MediaType type : wanted) {
        if (type.getQualityValue() > 0 && type.isCompatibleWith(CSV) && !type.isWildcardType()) {
          return true;
        }
        if (type.getQualityValue() > 0 && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
          return false;
        }
      }
    } catch (IllegalArgumentException unreadable) {
      // an Accept header that does not parse (q=oops): JSON, as without one
    }
    return false;
  }

  private static Instant[] range(String from, String to, List<FieldError> errors) {
    Instant end = Inputs.dateTime("to", to, false, errors);
    Instant start = Inputs.dateTime("from", from, false, errors);
    end = end == null ? Instant.now() : end;
    start = start == null ? end.minus(Duration.ofHours(24)) : start;
    if (!start.isBefore(end)) {
      errors.add(new FieldError("from", "range.invalid", "from must be before to"));
    }
    return new Instant[] {start, end};
  }

  private static int[] paging(String page, String size, List<FieldError> errors) {
    int[] paging = {integer("page", page, 0, 1_000_000, errors), integer("size", size, 1, MAX_SIZE, errors)};
    if ((paging[0] + 1L) * paging[1] > MAX_DEPTH) {
      // a skip that deep is a scan and a sort of all of it, for every such page (on MongoDB, past its sort memory)
      errors.add(new FieldError("page", "page.too-deep", "pages reach row " + MAX_DEPTH + " at most; narrow from/to "
          + "or filter by key"));
    }
    return paging;
  }

  /**
   * How far {@code from} may lie before {@code to} for each window size: a week of minutes, a quarter of hours,
   * two years of days. A year of one-minute windows is half a million rows per item.
   */
  private static final Map<String, Duration> MAX_SPAN = Map.of("1m", Duration.ofDays(7), "1h", Duration.ofDays(92),
      "1d", Duration.ofDays(731));

  private static void span(String window, Instant[] range, List<FieldError> errors) {
    Duration max = MAX_SPAN.get(window);
    if (max != null && range[0].isBefore(range[1]) && Duration.between(range[0], range[1]).compareTo(max) > 0) {
      errors.add(new FieldError("from", "range.too-long", "from lies at most " + max.toDays() + " days before to for "
          + window + " windows"));
    }
  }

  private static int integer(String field, String value, int min, int max, List<FieldError> errors) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(field, field + ".invalid", field + " must be a whole number from " + min + " to " + max));
    return min;
  }

  private static void oneOf(String field, String value, Set<String> allowed, List<FieldError> errors) {
    if (!allowed.contains(value)) {
      errors.add(new FieldError(field, field.toLowerCase(Locale.ROOT) + ".invalid",
          field + " must be one of " + String.join(", ", allowed.stream().sorted().toList())));
    }
  }

  private static void fail(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }
}
