package id.go.jemberkab.platform.bench;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.Topics;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The regency's side of the demo day, for the regency's figures: a webinar fills up and overflows to its
 * waitlist, citizens report broken roads and dark street lights that the departments accept, work on and
 * resolve, people check in, and engagement across the four channels goes to content-service's intake. With
 * {@code --bootstrap}, the channels' follower counts go straight onto {@code content.engagement.v1}, standing
 * in for content-service's channel pollers (issue #4) until they exist; the demo says so.
 */
final class RegencyDay {

  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  private static final List<String> CHANNELS = List.of("web", "facebook", "instagram", "youtube");
  private static final List<String> ACTIONS = List.of("view", "view", "view", "view", "like", "like", "share",
      "comment", "watch", "follow");
  private static final Map<String, String> METRICS = Map.of("web", "subscribers", "facebook", "page_follows",
      "instagram", "followers_count", "youtube", "subscriberCount");
  private static final int SEATS = 25;

  private final Random random;
  private final Calls calls;
  private final KafkaProducer<String, byte[]> producer;
  private final List<String> content = new ArrayList<>();
  private final Deque<String[]> open = new ArrayDeque<>(); // {request id, status}
  private final List<String> confirmed = new ArrayList<>();
  private final Map<String, Long> followers = new java.util.HashMap<>();
  private String webinar;
  private int turn;

  /** The gateway calls the demo makes, counted by the demo. */
  interface Calls {
    HttpResponse<String> post(String path, String json) throws Exception;

    void count(String call, HttpResponse<String> response);
  }

  RegencyDay(Random random, Calls calls, String bootstrap) {
    this.random = random;
    this.calls = calls;
    this.producer = bootstrap == null ? null : new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap, ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        new StringSerializer(), new ByteArraySerializer());
    for (int i = 0; i < 8; i++) {
      content.add(new UUID(0x4a454d424552L, random.nextInt(1_000_000)).toString());
    }
    CHANNELS.forEach(c -> followers.put(c, 5_000L + random.nextInt(50_000)));
  }

  /** A webinar is on and 40 people register for its 25 seats at once; the channels report their followers. */
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
    if (producer != null) {
      CHANNELS.forEach(this::measureFollowers);
      note.accept("follower counts published to content.engagement.v1 (standing in for content-service's "
          + "channel pollers, issue #4)");
    }
  }

  /** One of the regency's everyday moves, in turn. */
  void step() throws Exception {
    switch (turn++ % 8) {
      case 0 -> submitRequest();
      case 1, 2, 3 -> advanceRequest();
      case 4 -> engagement();
      case 5 -> register(100 + turn);
      case 6 -> checkInOrCancel();
      default -> {
        engagement();
        if (producer != null && turn % 40 == 7) {
          CHANNELS.forEach(this::measureFollowers);
        }
      }
    }
  }

  void close() {
    if (producer != null) {
      producer.close();
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

  private void measureFollowers(String channel) {
    long now = followers.merge(channel, (long) random.nextInt(40), Long::sum);
    publish(channel, EventType.CHANNEL_FOLLOWERS_MEASURED, String.format(Locale.ROOT,
        "{\"channel\":\"%s\",\"metric\":\"%s\",\"followers\":%d,\"measuredAt\":\"%s\"}", channel,
        METRICS.get(channel), now, Instant.now()));
  }

  private void publish(String key, EventType type, String data) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    producer.send(CloudEventHeaders.toRecord(Topics.CONTENT_ENGAGEMENT.name(), key, new CloudEvent(
        UUID.randomUUID().toString(), URI.create("urn:id.go.jemberkab:demo"), type.type(), key,
        Instant.now().atOffset(ZoneOffset.UTC), CloudEvent.JSON, bytes)));
  }
}
