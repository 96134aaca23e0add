package id.go.jemberkab.platform.bench;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How fresh the analytics views are: an engagement event is acknowledged by the broker (acks=all), then the
 * analytics query API is asked through the gateway until the event's window shows it. The time from the
 * acknowledgement to the first answer that shows it is the event's freshness. Target: p99 ≤ 1 s.
 *
 * <p>Each event is for a content item of its own, so one answer can only show that event. The events are
 * sent one after another, so the views work at their quiet-time pace plus the polling. The polling (up to 200
 * calls/s) needs a client with a quota to match and {@code analytics:read}: {@code ./platform bench} uses the
 * admin demo client (60,000/min); the analyst demo client's 1,200/min would answer 429.
 */
final class Freshness {

  static final double TARGET_P99_MILLIS = 1000;
  private static final Duration POLL = Duration.ofMillis(5);
  private static final Duration GIVE_UP = Duration.ofSeconds(30);

  private Freshness() {
  }

  static boolean run(Bench.Target target, String bootstrap, String pollKey, int events) throws Exception {
    System.out.printf(Locale.ROOT, "scenario freshness: %d engagement events to %s (acks=all), each looked for in "
        + "GET /api/v1/analytics/engagement through the gateway every %d ms%n", events, bootstrap, POLL.toMillis());
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0);
    long[] nanos = new long[events];
    int lost = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
        new ByteArraySerializer())) {
      long warmUp = lookFor(target, producer, pollKey, -1, Duration.ofMinutes(5));
      if (warmUp < 0) {
        System.out.println("the first event did not show within 5 minutes: are the views running? "
            + "(./platform logs analytics-service)");
        return false;
      }
      System.out.printf(Locale.ROOT, "  warm-up: the first event showed after %d ms (a view still restoring its "
          + "state after a restart shows late); measuring%n", warmUp / 1_000_000);
      for (int i = 0; i < events; i++) {
        long took = lookFor(target, producer, pollKey, i, GIVE_UP);
        if (took < 0) {
          lost++;
          nanos[i] = GIVE_UP.toNanos();
        } else {
          nanos[i] = took;
        }
        if ((i + 1) % 50 == 0) {
          System.out.printf(Locale.ROOT, "  %d/%d events%n", i + 1, events);
        }
      }
    }
    Arrays.sort(nanos);
    double p99 = Result.percentile(nanos, 99);
    System.out.printf(Locale.ROOT, "freshness (ack -> visible in the query API), ms: p50 %.0f  p90 %.0f  p99 %.0f  "
        + "max %.0f  not seen within %d s: %d%n", Result.percentile(nanos, 50), Result.percentile(nanos, 90), p99,
        nanos[nanos.length - 1] / 1e6, GIVE_UP.toSeconds(), lost);
    boolean met = lost == 0 && p99 <= TARGET_P99_MILLIS;
    System.out.printf(Locale.ROOT, "p99 freshness %.0f ms (target <= %.0f ms): %s%n", p99, TARGET_P99_MILLIS,
        met ? "MET" : "NOT MET");
    return lost == 0;
  }

  /** Sends one view of a new content item; returns nanoseconds from the ack until the query API shows it, or -1. */
  private static long lookFor(Bench.Target target, KafkaProducer<String, byte[]> producer, String pollKey, int i,
      Duration giveUp) throws Exception {
    String item = UUID.randomUUID().toString();
    Instant now = Instant.now();
    byte[] data = String.format(Locale.ROOT, "{\"contentId\":\"%s\",\"eventId\":null,\"channel\":\"web\","
        + "\"action\":\"view\",\"occurredAt\":\"%s\",\"visitorHash\":\"%032x\",\"kecamatanCode\":null,"
        + "\"watchSeconds\":null}", item, now, i & 0xffffffffL).getBytes(StandardCharsets.UTF_8);
    CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), URI.create("urn:id.go.jemberkab:bench"),
        EventType.ENGAGEMENT_RECORDED.type(), item, now.atOffset(ZoneOffset.UTC), CloudEvent.JSON, data);
    producer.send(CloudEventHeaders.toRecord(Topics.CONTENT_ENGAGEMENT.name(), item, event)).get();
    long acked = System.nanoTime();
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    URI query = URI.create(target.gateway() + "/api/v1/analytics/engagement?scope=content&window=1m&key=" + item
        + "&from=" + minute.minusSeconds(1) + "&to=" + minute.plusSeconds(61));
    while (System.nanoTime() - acked < giveUp.toNanos()) {
      HttpResponse<String> answer = target.client().send(HttpRequest.newBuilder(query)
          .header("X-API-Key", pollKey).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("the query API answered " + answer.statusCode() + ": " + answer.body());
      }
      if (answer.body().contains("\"views\":1")) {
        return System.nanoTime() - acked;
      }
      Thread.sleep(POLL.toMillis());
    }
    return -1;
  }
}
