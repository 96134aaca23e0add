package id.go.jemberkab.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JIT compilers of the processes a target's calls pass through, read from their
 * {@code jvm_compilation_time_ms_total} on {@code /actuator/prometheus}. A target measured while its compilers
 * still run is measured with the compilers' CPU: a freshly started gateway spent a quarter of its CPU in C2
 * through a whole citizen-read run on 2 cores, while its request rate already looked flat.
 */
record Compilers(List<String> processes, HttpClient client) {

  private static final Pattern TIME = Pattern.compile("(?m)^jvm_compilation_time_ms_total\\{[^}]*} ([0-9.eE+-]+)$");

  /** Milliseconds the processes' compilers have worked since they started; -1 when one does not say. */
  long millis() {
    long sum = 0;
    for (String process : processes) {
      try {
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(process + "/actuator/prometheus"))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        long millis = metrics.statusCode() == 200 ? compileMillis(metrics.body()) : -1;
        if (millis < 0) {
          return -1;
        }
        sum += millis;
      } catch (java.io.IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    return sum;
  }

  /** The compile time in a Prometheus exposition, summed over its compilers; -1 when it has none. */
  static long compileMillis(String exposition) {
    Matcher time = TIME.matcher(exposition);
    long sum = -1;
    while (time.find()) {
      sum = Math.max(sum, 0) + (long) Double.parseDouble(time.group(1));
    }
    return sum;
  }
}
