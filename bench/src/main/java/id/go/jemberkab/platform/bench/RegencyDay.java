package id.go.jemberkab.platform.bench;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regency's side of the demo day, for the regency's figures: a webinar fills up and overflows to its
 * waitlist, citizens report broken roads and dark street lights that the departments accept, work on and
 * resolve, people check in, the communications office publishes news, a local product and the webinar's page
 * through the editorial workflow, and engagement with those items across the four channels goes to
 * content-service's intake. Follower counts come from content-service's own poller (sandbox figures).
 */
final class RegencyDay {

  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  private static final List<String> CHANNELS = List.of("web", "facebook", "instagram", "youtube");
  private static final List<String> ACTIONS = List.of("view", "view", "view", "view", "like", "like", "share",
      "comment", "watch", "follow");
  private static final int SEATS = 25;

  private final Random random;
  private final Calls calls;
  private final List<String> content = new ArrayList<>();
  private final Deque<String[]> open = new ArrayDeque<>(); // {request id, status}
  private final List<String> confirmed = new ArrayList<>();
  private String webinar;
  private int turn;

  /** The gateway calls the demo makes, counted by the demo. */
  interface Calls {
    HttpResponse<String> post(String path, String json) throws Exception;

    void count(String call, HttpResponse<String> response);
  }

  RegencyDay(Random random, Calls calls) {
    this.random = random;
    this.calls = calls;
  }

  /** A webinar is on and 40 people register for its 25 seats at once; the office publishes the day's items. */
  void start(Consumer<String> note) throws Exception {
    Instant now = Instant.now();
    HttpResponse<String> created = calls.post("/api/v1/events", String.format(Locale.ROOT, "{\"title\":\"Webinar "
        + "UMKM Jember naik kelas\",\"capacity\":%d,\"overflowUrl\":\"https://youtube.com/@pemkabjember/live\","
        + "\"opensAt\":\"%s\",\"closesAt\":\"%s\",\"startsAt\":\"%s\",\"endsAt\":\"%s\"}", SEATS,
        now.minusSeconds(60), now.plusSeconds(6 * 3600), now.minusSeconds(30), now.plusSeconds(8 * 3600)));
    calls.count("POST /api/v1/events", created);
    Matcher id = ID.matcher(created.body());
    if (id.find()) {
      webinar = id.group(1);
      for (int i = 0; i < 40; i++) {
        register(i);
      }
    }
    String run = Integer.toString(random.nextInt(1_000_000), 36);
    publish("news", "festival-kopi-jember-" + run, "Festival Kopi Jember 2026", "Jember Coffee Festival 2026",
        "Petani kopi dari lereng Argopuro dan Raung memamerkan hasil panen di alun-alun.", "", List.of("facebook",
            "instagram"));
    publish("product", "tape-manis-jember-" + run, "Tape Manis Khas Jember", "Sweet Jember tape",
        "Tape singkong dari UMKM Kecamatan Patrang.", ",\"product\":{\"name\":\"Tape manis\",\"producer\":"
            + "\"UMKM Tape Patrang\",\"kecamatanCode\":\"35.09.24\",\"priceMin\":15000,\"priceMax\":40000,"
            + "\"howToOrder\":\"Galeri UMKM Jember\"}", List.of("facebook", "instagram"));
    publish("announcement", "penutupan-jalan-" + run, "Penutupan Jalan Gajah Mada", null,
        "Jalan Gajah Mada ditutup Minggu pagi untuk car free day.", "", List.of("facebook"));
    if (webinar != null) {
      publish("event-page", "webinar-umkm-" + run, "Webinar UMKM Jember Naik Kelas", "Webinar: Jember small "
          + "businesses level up", "Daftar sekarang; kursi terbatas, siaran ulang di YouTube.", ",\"eventId\":\""
          + webinar + "\"", List.of("youtube"));
    }
    if (content.isEmpty()) {
      content.add(UUID.randomUUID().toString()); // nothing published: engagement still has something to name
    }
    note.accept(content.size() + " content items published through the editorial workflow");
  }

  /** The communications office writes an item, submits it, approves it and publishes it. */
  private void publish(String type, String slug, String titleId, String titleEn, String bodyId, String extra,
      List<String> channels) throws Exception {
    String body = String.format(Locale.ROOT, "{\"type\":\"%s\",\"slug\":\"%s\",\"title\":{\"id\":\"%s\"%s},"
        + "\"body\":{\"id\":\"%s\"},\"tags\":[\"demo\"],\"channels\":[%s]%s}", type, slug, titleId,
        titleEn == null ? "" : ",\"en\":\"" + titleEn + "\"", bodyId,
        String.join(",", channels.stream().map(c -> "\"" + c + "\"").toList()), extra);
    HttpResponse<String> created = calls.post("/api/v1/content/items", body);
    calls.count("POST /api/v1/content/items", created);
    Matcher id = ID.matcher(created.body());
    if (created.statusCode() != 201 || !id.find()) {
      return;
    }
    String item = "/api/v1/content/items/" + id.group(1);
    for (String step : List.of("submit", "approve", "publish")) {
      HttpResponse<String> response = calls.post(item + "/" + step, "{}");
      calls.count("POST /api/v1/content/items/{id}/" + step, response);
      if (response.statusCode() != 200) {
        return;
      }
    }
    content.add(id.group(1));
  }

  /** One of the regency's everyday moves, in turn. */
  void step() throws Exception {
    switch (turn++ % 8) {
      case 0 -> submitRequest();
      case 1, 2, 3 -> advanceRequest();
      case 4 -> engagement();
      case 5 -> register(100 + turn);
      case 6 -> checkInOrCancel();
      default -> engagement();
    }
  }

  private void register(int n) throws Exception {
    if (webinar == null) {
      return;
    }
    HttpResponse<String> response = calls.post("/api/v1/events/" + webinar + "/registrations",
        String.format(Locale.ROOT, "{\"name\":\"Peserta Demo\",\"email\":\"peserta%d.%d@example.org\"}", n,
            random.nextInt(1_000_000)));
    calls.count("POST /api/v1/events/{id}/registrations", response);
    Matcher id = ID.matcher(response.body());
    if (response.statusCode() == 201 && response.body().contains("\"status\":\"confirmed\"") && id.find()) {
      confirmed.add(id.group(1));
    }
  }

  private void checkInOrCancel() throws Exception {
    if (webinar == null || confirmed.isEmpty()) {
      return;
    }
    String registration = confirmed.remove(random.nextInt(confirmed.size()));
    String action = random.nextInt(4) == 0 ? "cancel" : "check-in";
    calls.count("POST /api/v1/events/{id}/registrations/{id}/" + action,
        calls.post("/api/v1/events/" + webinar + "/registrations/" + registration + "/" + action, "{}"));
  }

  private void submitRequest() throws Exception {
    boolean road = random.nextBoolean();
    String body = road
        ? "{\"serviceCode\":\"JALAN-RUSAK\",\"desaCode\":\"35.09.19.1001\",\"attributes\":{\"tingkat_kerusakan\":"
            + "\"sedang\"},\"description\":\"Jalan berlubang di depan balai desa\",\"acknowledgeDuplicates\":true}"
        : "{\"serviceCode\":\"PJU-MATI\",\"desaCode\":\"35.09.20.1002\",\"attributes\":{\"jumlah_titik\":2},"
            + "\"description\":\"Dua lampu jalan padam\",\"acknowledgeDuplicates\":true}";
    HttpResponse<String> response = calls.post("/api/v1/service-requests", body);
    calls.count("POST /api/v1/service-requests", response);
    Matcher id = ID.matcher(response.body());
    if (response.statusCode() == 201 && id.find()) {
      open.add(new String[] {id.group(1), "submitted"});
    }
  }

  /** The oldest open request moves one step: accepted, in progress, resolved. */
  private void advanceRequest() throws Exception {
    String[] request = open.poll();
    if (request == null) {
      return;
    }
    String next = switch (request[1]) {
      case "submitted" -> "accepted";
      case "accepted" -> "in_progress";
      default -> "resolved";
    };
    HttpResponse<String> response = calls.post("/api/v1/service-requests/" + request[0] + "/status",
        "{\"status\":\"" + next + "\",\"actor\":\"petugas-demo\",\"note\":\"ditindaklanjuti\"}");
    calls.count("POST /api/v1/service-requests/{id}/status", response);
    if (response.statusCode() == 200 && !"resolved".equals(next)) {
      open.add(new String[] {request[0], next});
    }
  }

  /** Five interactions across the channels, through the gateway's engagement intake (as the portal sends them). */
  private void engagement() throws Exception {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
      String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
      items.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"id\":\"demo-%s\",\"contentId\":\"%s\","
          + "\"channel\":\"%s\",\"action\":\"%s\",\"occurredAt\":\"%s\",\"ip\":\"10.%d.%d.%d\","
          + "\"userAgent\":\"Mozilla/5.0 (Linux; Android 14) Mobile\",\"kecamatanCode\":\"35.09.%02d\"%s}",
          UUID.randomUUID(), content.get(random.nextInt(content.size())), channel, action, Instant.now(),
          random.nextInt(256), random.nextInt(256), random.nextInt(256), 1 + random.nextInt(31),
          "watch".equals(action) ? ",\"watchSeconds\":" + (30 + random.nextInt(600)) : ""));
    }
    calls.count("POST /api/v1/content/engagement", calls.post("/api/v1/content/engagement",
        "{\"items\":[" + items + "]}"));
  }
}
