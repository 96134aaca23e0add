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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Engagement intake throughput: the same engagement events written by a raw Kafka producer (acks=all,
 * idempotent: the baseline), posted to content-service's intake in batches, and posted through the gateway,
 * one after another in the same run. Target: the intake reaches ≥ 50 % of the raw producer's events/s.
 */
final class Intake {

  static final double TARGET = 0.50;
  /**
   * The portal's items the engagement is about: a regency publishes hundreds of items, not one per view, and
   * analytics aggregates per item, so a fresh item per event would measure its row creation, not the intake.
   */
  private static final List<String> ITEMS = java.util.stream.IntStream.range(0, 300)
      .mapToObj(i -> new UUID(0x4a454d424552L, i).toString()).toList();

  private Intake() {
  }

  static boolean run(Bench.Target target, String content, String bootstrap, String key, int events, int batch,
      int concurrency, int rounds) throws Exception {
    System.out.printf(Locale.ROOT, "scenario intake: %d engagement events per target in %d rounds; raw producer "
        + "(acks=all), POST /api/v1/content/engagement in batches of %d, %d at once, direct and through the gateway; "
        + "each target starts once the platform's consumers have caught up with the events before it%n", events,
        rounds, batch, concurrency);
    URI direct = URI.create(content + "/api/v1/content/engagement");
    URI gateway = URI.create(target.gateway() + "/api/v1/content/engagement");
    String[] names = {"raw producer", "intake direct", "intake via gateway"};
    // unmeasured, as citizen-read warms its targets ({@link Bench#warmUp}): a fresh gateway and service would
    // spend the first measured batches compiling their request paths
    int chunk = Math.max(2_000, events / 10);
    raw(bootstrap, chunk);
    Bench.warmUp(names[1], "events", chunk, 20, target.compilers(content),
        () -> http(names[1], direct, null, chunk, batch, concurrency));
    Bench.warmUp(names[2], "events", chunk, 20, target.compilers(target.gateway(), content),
        () -> http(names[2], gateway, key, chunk, batch, concurrency));
    double[] seconds = new double[3];
    int perRound = events / rounds;
    for (int round = 0; round < rounds; round++) {
      for (int step = 0; step < 3; step++) {
        int which = (round + step) % 3;
        // analytics catching up on the last target's events would otherwise be measured against this one
        Backlog.settle(bootstrap, Topics.CONTENT_ENGAGEMENT.name(), Duration.ofMinutes(2));
        seconds[which] += switch (which) {
          case 0 -> perRound / raw(bootstrap, perRound);
          case 1 -> perRound / http(names[1], direct, null, perRound, batch, concurrency);
          default -> perRound / http(names[2], gateway, key, perRound, batch, concurrency);
        };
      }
      System.out.printf(Locale.ROOT, "  round %d done%n", round + 1);
    }
    double raw = perRound * rounds / seconds[0];
    double viaDirect = perRound * rounds / seconds[1];
    double viaGateway = perRound * rounds / seconds[2];
    System.out.printf(Locale.ROOT, "%-22s %10s %8s%n", "target", "events/s", "vs raw");
    System.out.printf(Locale.ROOT, "%-22s %10.0f %8s%n", names[0], raw, "100 %");
    System.out.printf(Locale.ROOT, "%-22s %10.0f %7.1f %%%n", names[1], viaDirect, 100 * viaDirect / raw);
    System.out.printf(Locale.ROOT, "%-22s %10.0f %7.1f %%%n", names[2], viaGateway, 100 * viaGateway / raw);
    System.out.printf(Locale.ROOT, "intake through the gateway / raw producer: %.1f %% (target >= %.0f %%): %s%n",
        100 * viaGateway / raw, 100 * TARGET, viaGateway / raw >= TARGET ? "MET" : "NOT MET");
    return viaDirect > 0 && viaGateway > 0;
  }

  private static String item() {
    return ITEMS.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(ITEMS.size()));
  }

  private static double raw(String bootstrap, int events) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 2);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
        new ByteArraySerializer())) {
      List<Future<?>> sent = new ArrayList<>(events);
      long start = System.nanoTime();
      for (int i = 0; i < events; i++) {
        String item = item();
        Instant now = Instant.now();
        byte[] data = String.format(Locale.ROOT, "{\"contentId\":\"%s\",\"eventId\":null,\"channel\":\"web\","
            + "\"action\":\"view\",\"occurredAt\":\"%s\",\"visitorHash\":\"%032x\",\"kecamatanCode\":null,"
            + "\"watchSeconds\":null}", item, now, i).getBytes(StandardCharsets.UTF_8);
        sent.add(producer.send(CloudEventHeaders.toRecord(Topics.CONTENT_ENGAGEMENT.name(), item, new CloudEvent(
            UUID.randomUUID().toString(), URI.create("urn:id.go.jemberkab:bench"), EventType.ENGAGEMENT_RECORDED.type(),
            item, now.atOffset(ZoneOffset.UTC), CloudEvent.JSON, data))));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      return events / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double http(String name, URI uri, String key, int events, int batch, int concurrency)
      throws Exception {
    AtomicInteger left = new AtomicInteger(events);
    AtomicLong accepted = new AtomicLong();
    AtomicInteger failures = new AtomicInteger();
    var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(pool.submit(() -> {
        int n;
        while ((n = Math.min(batch, left.getAndAdd(-batch))) > 0) {
          StringBuilder items = new StringBuilder();
          String now = Instant.now().toString();
          for (int i = 0; i < n; i++) {
            items.append(i == 0 ? "" : ",").append("{\"id\":\"b-").append(UUID.randomUUID())
                .append("\",\"contentId\":\"").append(item()).append("\",\"channel\":\"web\",\"action\":"
                    + "\"view\",\"occurredAt\":\"").append(now).append("\",\"ip\":\"10.1.2.").append(i % 250)
                .append("\",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0\"}");
          }
          HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[" + items + "]}"));
          if (key != null) {
            request.header("X-API-Key", key);
          }
          HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 202) {
            accepted.addAndGet(n);
          } else if (failures.incrementAndGet() == 1) {
            System.out.printf(Locale.ROOT, "  %s: HTTP %d %s%n", name, response.statusCode(),
                response.body().substring(0, Math.min(200, response.body().length())));
          }
        }
        return null;
      }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "  %s: %d of %d events accepted in %.1f s, %d failed calls%n", name,
        accepted.get(), events, seconds, failures.get());
    return accepted.get() / seconds;
  }
}
