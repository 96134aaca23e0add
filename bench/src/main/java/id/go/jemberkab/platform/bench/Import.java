package id.go.jemberkab.platform.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a CSV of synthetic citizens (unique valid NIKs spread over the 31 kecamatan and 248 desa) through
 * citizen-service and measures rows/s, then the time until the outbox has published every event.
 */
final class Import {

  private static final Duration POLL = Duration.ofSeconds(2);

  private Import() {
  }

  static boolean run(Bench.Target target, int rows) throws Exception {
    List<List<String>> desa = desa(target);
    Path csv = Files.createTempFile("bench-citizens-", ".csv");
    try {
      long salt = System.currentTimeMillis() % 7000;
      try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        out.write("nik,name,birthDate,sex,desaCode\n");
        for (int i = 0; i < rows; i++) {
          out.write(row(i, salt, desa));
        }
      }
      System.out.printf(Locale.ROOT, "scenario import: %,d synthetic citizens, %,d MB of CSV%n", rows,
          Files.size(csv) / 1_000_000);
      long started = System.nanoTime();
      HttpResponse<String> accepted = target.client().send(Bench.request(URI.create(target.citizen()
              + "/api/v1/citizens/imports")).header("Content-Type", "text/csv").timeout(Duration.ofMinutes(30))
          .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
      if (accepted.statusCode() != 202) {
        throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
      }
      String job = target.citizen() + accepted.headers().firstValue("Location").orElseThrow();
      String status;
      String body;
      do {
        LockSupport.parkNanos(POLL.toNanos());
        body = target.client().send(Bench.request(URI.create(job)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        status = field(body, "status");
        System.out.printf(Locale.ROOT, "  %s: %s rows, %s imported, %s duplicates, %s rejected, %s rows/s%n", status,
            field(body, "rows"), field(body, "imported"), field(body, "duplicates"), field(body, "rejected"),
            field(body, "rowsPerSecond"));
      } while (status.equals("running"));
      double imported = (System.nanoTime() - started) / 1e9;
      long pending;
      do {
        pending = pending(target);
        if (pending > 0) {
          System.out.printf(Locale.ROOT, "  outbox: %,d citizens' events waiting for Kafka%n", pending);
          LockSupport.parkNanos(POLL.toNanos());
        }
      } while (pending > 0);
      double published = (System.nanoTime() - started) / 1e9;
      System.out.printf(Locale.ROOT, "imported %,d rows in %.1f s: %.0f rows/s; every event on Kafka after %.1f s: "
          + "%.0f events/s end to end%n", rows, imported, rows / imported, published, rows / published);
      return status.equals("completed");
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  /**
   * Row {@code i}: the kecamatan ({@code i mod 31}), the birth date and the serial make each NIK distinct
   * (up to 31 x 20,000 x 9,999 rows); the desa is one of that kecamatan's.
   */
  static String row(int i, long salt, List<List<String>> desaByKecamatan) {
    List<String> kecamatan = desaByKecamatan.get(i % desaByKecamatan.size());
    int step = i / desaByKecamatan.size();
    String village = kecamatan.get(step % kecamatan.size());
    LocalDate born = LocalDate.of(1940, 1, 1).plusDays(step % 20_000);
    int serial = (int) ((step / 20_000 + salt) % 9_999) + 1;
    boolean female = step % 2 == 1;
    String nik = String.format(Locale.ROOT, "3509%s%02d%02d%02d%04d", village.substring(6, 8),
        born.getDayOfMonth() + (female ? 40 : 0), born.getMonthValue(), born.getYear() % 100, serial);
    return nik + ",Warga Sintetis," + born + "," + (female ? "FEMALE" : "MALE") + "," + village + "\n";
  }

  private static List<List<String>> desa(Bench.Target target) throws Exception {
    String body = target.client().send(Bench.request(URI.create(target.citizen()
        + "/api/v1/regions?level=desa")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher code = Pattern.compile("\"code\":\"(35\\.09\\.[0-9]{2}\\.[12][0-9]{3})\"").matcher(body);
    java.util.Map<String, List<String>> byKecamatan = new java.util.TreeMap<>();
    while (code.find()) {
      byKecamatan.computeIfAbsent(code.group(1).substring(0, 8), k -> new ArrayList<>()).add(code.group(1));
    }
    return new ArrayList<>(byKecamatan.values());
  }

  private static long pending(Bench.Target target) throws Exception {
    String metrics = target.client().send(Bench.request(URI.create(target.citizen()
        + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher gauge = Pattern.compile("outbox_documents_pending\\{[^}]*collection=\"citizens\"[^}]*} ([0-9.E]+)")
        .matcher(metrics);
    return gauge.find() ? (long) Double.parseDouble(gauge.group(1)) : 0;
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
    return m.find() ? m.group(1) : "?";
  }
}
