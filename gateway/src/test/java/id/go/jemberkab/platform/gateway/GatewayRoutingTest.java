package id.go.jemberkab.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import id.go.jemberkab.platform.gateway.access.ClientRegistry;
import id.go.jemberkab.platform.testsupport.UsesBackbone;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Routing to a real HTTP downstream, and what callers get when a downstream is gone. */
@UsesBackbone
@AutoConfigureMetrics
// a shorter time limit than the platform's 10 s, so the hung service below costs the suite 4 s, not 10
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"resilience4j.timelimiter.configs.default.timeout-duration=" + GatewayRoutingTest.TIME_LIMIT_SECONDS + "s",
        // so that a 3 MB upload passes the limit for imports
        "platform.gateway.max-large-body-size=2MB",
        // shorter than the 6 s the slow import upload below takes, as any response timeout an operator sets for all
        // routes would be shorter than a large import's: the imports' route must not have it
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=5s",
        // a body that stops arriving for 1.5 s is cut off
        "platform.gateway.response-idle-timeout=1500ms"})
class GatewayRoutingTest {

  static final int TIME_LIMIT_SECONDS = 4;

  private static String apiKey;

  // HTTP/1.1 as the bench and the services speak it: no h2c upgrade attempt on every plain-HTTP request
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final List<String> seen = new CopyOnWriteArrayList<>();
  /** Counted down when the citizen stub reads the first byte of an import's body. */
  private static final java.util.concurrent.CountDownLatch importArriving = new java.util.concurrent.CountDownLatch(1);
  static final int LARGE_BYTES = 48 * 1024 * 1024;

  /** Holds the event stream's second event until the test has seen the quiet before it. */
  private static final java.util.concurrent.CountDownLatch eventsResume = new java.util.concurrent.CountDownLatch(1);
  /** Holds the stalling answer's end until the test is done with it. */
  private static final java.util.concurrent.CountDownLatch stallEnds = new java.util.concurrent.CountDownLatch(1);
  private static final HttpServer citizen = citizenStub();
  private static final int closedPort = closedPort();
  private static final int contentPort = closedPort();

  @LocalServerPort
  int port;

  @BeforeEach
  void registerClient(@Autowired ClientRegistry registry) {
    if (apiKey == null) {
      apiKey = registry.register("routing-test-" + UUID.randomUUID().toString().substring(0, 8), "Routing test",
          "Test", Set.of("citizen:read", "citizen:write", "analytics:read"), 100_000).apiKey();
    }
  }

  @DynamicPropertySource
  static void downstreams(DynamicPropertyRegistry registry) {
    registry.add("CITIZEN_URL", () -> "http://127.0.0.1:" + citizen.getAddress().getPort());
    registry.add("ANALYTICS_URL", () -> "http://127.0.0.1:" + closedPort);
    registry.add("CONTENT_URL", () -> "http://127.0.0.1:" + contentPort);
  }

  @AfterAll
  static void stop() {
    citizen.stop(0);
  }

  @Test
  void routesAPostToCitizenServiceAndPassesItsAnswerThrough() throws Exception {
    HttpResponse<String> response = send("POST", "/api/v1/citizens", "{\"nik\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("{\"id\":\"abc\"}");
    assertThat(response.headers().firstValue("Location")).contains("/api/v1/citizens/abc");
    assertThat(seen).contains("POST /api/v1/citizens {\"nik\":\"x\"}");
  }

  @Test
  void waitsForASlowButHealthyServiceInsteadOfCuttingItOff() throws Exception {
    // resilience4j's own default time limit is 1 s; the platform allows 10 s, this class 4 s
    assertThat(send("GET", "/api/v1/regions?slow=1500", null).statusCode()).isEqualTo(200);
  }

  @Test
  void cutsOffAHungServiceWithAProblem503AtTheTimeLimit() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = send("GET", "/api/v1/regions?slow=30000", null);
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"service\":\"citizen\"").contains("did not answer in time");
    // this class's time limit, not the service (30 s) nor the platform's 10 s limit, ended the call
    assertThat(seconds).isBetween(TIME_LIMIT_SECONDS - 0.5, 8.0);
    String metrics = send("GET", "/actuator/prometheus", null).body();
    java.util.regex.Matcher timeouts = java.util.regex.Pattern.compile(
        "gateway_downstream_failures_total\\{[^}]*cause=\"timeout\"[^}]*service=\"citizen\"[^}]*} ([0-9.]+)")
        .matcher(metrics);
    assertThat(timeouts.find() ? Double.parseDouble(timeouts.group(1)) : 0).as("the dashboard's timeouts panel")
        .isPositive();
    java.util.regex.Matcher limiter = java.util.regex.Pattern.compile(
        "resilience4j_timelimiter_calls_total\\{[^}]*kind=\"timeout\"[^}]*name=\"citizen\"[^}]*} ([0-9.]+)")
        .matcher(metrics);
    assertThat(limiter.find() ? Double.parseDouble(limiter.group(1)) : 0).as("resilience4j's own time limiter count")
        .isPositive();
  }

  /**
   * A caller sending its body too slowly for the time limit gets a 408, and the service is not blamed: counted as
   * the service's timeout, ten such uploads at once opened its breaker, and all its routes answered 503 to all.
   */
  @Test
  void aBodyStillArrivingWhenTheTimeRunsOutIsTheCallersTimeoutNotTheServices() throws Exception {
    double timeoutsBefore = timeouts();
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      java.io.OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/citizens HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + apiKey + "\r\n"
          + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"nik\":\"35").getBytes(StandardCharsets.UTF_8));
      out.flush();
      // the rest never comes: the answer arrives when the time limit has run out
      String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(answer).isEqualTo("HTTP/1.1 408");
    }
    assertThat(timeouts()).as("timeouts counted against citizen-service").isEqualTo(timeoutsBefore);
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
  void cutsOffAnAnswerWhoseBodyStopsArrivingButNotOneStillComing(
      org.springframework.boot.test.system.CapturedOutput output) throws Exception {
    double timeoutsBefore = timeouts();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/v1/regions/stalling?nik=3509014107800001"))
        .timeout(Duration.ofSeconds(20)).header("X-API-Key", apiKey).GET().build();
    HttpResponse<java.io.InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
    java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
    try (java.io.InputStream body = response.body()) {
      // the status went out with the headers; the cut shows as a body that ends without its last chunk
      assertThat(response.statusCode()).isEqualTo(200);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> body.transferTo(received))
          .as("a cut-off answer, not one that looks whole").isInstanceOf(IOException.class);
    } finally {
      stallEnds.countDown();
    }
    // what the service sent before it stalled came through
    assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("part 1\npart 2\npart 3\npart 4\npart 5\n");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(timeouts()).isEqualTo(timeoutsBefore + 1));
    // the cut is logged with the path's template; the server's own line gave the raw path and query at ERROR
    assertThat(output.getAll()).contains("stalled mid-answer on GET /api/v1/regions/");
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> !output.getAll().contains("3509014107800001"));
  }

  /**
   * Two quiets that are not the service's: a live event stream between its events, and a caller that reads slowly,
   * for which the gateway stops reading from the service. Both answers arrive whole.
   */
  @Test
  void leavesAQuietEventStreamAndASlowReaderAlone() throws Exception {
    double timeoutsBefore = timeouts();
    HttpResponse<java.io.InputStream> events = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:"
        + port + "/api/v1/regions/events")).timeout(Duration.ofSeconds(20)).header("X-API-Key", apiKey).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    String first = "data: first\n\n";
    String stream;
    try (java.io.InputStream body = events.body()) {
      assertThat(new String(body.readNBytes(first.length()), StandardCharsets.UTF_8)).isEqualTo(first);
      // a live view with nothing new for longer than the idle time
      noTimeoutForLongerThanTheIdleTime(timeoutsBefore);
      eventsResume.countDown();
      stream = first + new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      eventsResume.countDown();
    }
    assertThat(stream).isEqualTo(first + "data: after a quiet longer than the idle time\n\n");

    HttpResponse<java.io.InputStream> large = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/v1/regions/large")).timeout(Duration.ofSeconds(30)).header("X-API-Key", apiKey).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    long received;
    try (java.io.InputStream body = large.body()) {
      received = body.readNBytes(1024).length;
      // a caller that stops reading longer than the idle time, with far more than the sockets hold still to come
      noTimeoutForLongerThanTheIdleTime(timeoutsBefore);
      received += body.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertThat(received).isEqualTo(LARGE_BYTES);
    assertThat(timeouts()).isEqualTo(timeoutsBefore);
  }

  /** For 2.5 s, longer than this class's idle time of 1.5 s, the gateway cuts nothing off. */
  private void noTimeoutForLongerThanTheIdleTime(double timeoutsBefore) {
    await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
        .until(() -> timeouts() == timeoutsBefore);
  }

  @Test
  void anImportUploadMayBeLargerThanOtherBodiesAndTakeLongerThanTheTimeLimit() throws Exception {
    int chunks = 12;
    byte[] chunk = "9".repeat(128 * 1024).getBytes(StandardCharsets.UTF_8);
    // 1.5 MB, over the 1 MB every other path allows, sent over 6 s, longer than the time limit: a department's
    // upload on a slow line. The time limit cuts off a service that does not answer, never a caller still sending.
    java.io.InputStream slowLine = new java.io.InputStream() {
      private int sent;
      private int at = chunk.length;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
      }

      @Override
      public int read(byte[] into, int offset, int length) {
        if (at == chunk.length) {
          if (sent == chunks) {
            return -1;
          }
          if (sent == chunks - 1) {
            // the last chunk only once the service has the first: the gateway streams an upload on, it does not
            // hold it in memory until it is whole
            try {
              if (!importArriving.await(20, TimeUnit.SECONDS)) {
                throw new java.io.UncheckedIOException(new IOException("the service saw nothing of the upload yet"));
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return -1;
            }
          }
          sent++;
          at = 0;
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        int n = Math.min(length, chunk.length - at);
        System.arraycopy(chunk, at, into, offset, n);
        at += n;
        return n;
      }
    };
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/v1/citizens/imports")).timeout(Duration.ofSeconds(60)).header("Content-Type", "text/csv")
        .header("X-API-Key", apiKey).POST(HttpRequest.BodyPublishers.ofInputStream(() -> slowLine)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(seen).anySatisfy(s -> assertThat(s).startsWith("POST /api/v1/citizens/imports ")
        .hasSize("POST /api/v1/citizens/imports ".length() + chunks * chunk.length));
  }

  /**
   * A body that grows past its limit while it streams to the service is the caller's 413, not the service's 503,
   * and does not count against the service's breaker.
   */
  @Test
  void anUploadPastItsLimitFoundWhileStreamingIsA413AndNoServiceFailure(
      @Autowired io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry breakers) throws Exception {
    var metrics = breakers.circuitBreaker("citizen-imports").getMetrics();
    long failedBefore = metrics.getNumberOfFailedCalls();
    byte[] chunk = "9".repeat(256 * 1024).getBytes(StandardCharsets.UTF_8);
    // no Content-Length (a stream of unknown length): the limit is found only once it is passed
    java.util.function.Supplier<java.io.InputStream> tooLarge = () -> new java.io.SequenceInputStream(
        java.util.Collections.enumeration(java.util.Collections.nCopies(12,
            (java.io.InputStream) null).stream().map(x -> (java.io.InputStream) new java.io.ByteArrayInputStream(chunk))
            .toList()));
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/v1/citizens/imports")).timeout(Duration.ofSeconds(60)).header("Content-Type", "text/csv")
        .header("X-API-Key", apiKey).POST(HttpRequest.BodyPublishers.ofInputStream(tooLarge)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(metrics.getNumberOfFailedCalls()).isEqualTo(failedBefore);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
  void answersEveryMethodWithAProblem503WhenTheServiceIsDown(String method) throws Exception {
    HttpResponse<String> response = send(method, "/api/v1/analytics/citizen-registrations",
        method.equals("GET") || method.equals("DELETE") ? null : "{}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.headers().firstValue("Retry-After")).contains("10");
    assertThat(response.body()).contains("\"service\":\"analytics\"").contains("/problems/service-unavailable");
    // the other routes keep working
    assertThat(send("GET", "/api/v1/regions", null).statusCode()).isEqualTo(200);
  }

  @Test
  void retriesAGetThatFailedOnTheServerButNeverAPost() throws Exception {
    assertThat(send("GET", "/api/v1/citizens/flaky", null).statusCode()).isEqualTo(502);
    assertThat(send("POST", "/api/v1/citizens/flaky", "{}").statusCode()).isEqualTo(502);
    assertThat(seen.stream().filter(s -> s.startsWith("GET /api/v1/citizens/flaky"))).as("the call and two retries")
        .hasSize(3);
    assertThat(seen.stream().filter(s -> s.startsWith("POST /api/v1/citizens/flaky"))).as("a POST is not repeated")
        .hasSize(1);

    // a GET with a body, chunked: once the access filter has dropped its Transfer-Encoding, its headers look bodyless
    HttpResponse<String> chunked = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/v1/citizens/chunked/flaky")).timeout(Duration.ofSeconds(20)).header("X-API-Key", apiKey)
        .method("GET", HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
            "{\"q\":1}".getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(502);
    assertThat(seen.stream().filter(s -> s.startsWith("GET /api/v1/citizens/chunked/flaky")))
        .as("a GET with a body is not repeated: its body cannot be read twice").hasSize(1);
  }

  /**
   * A 5xx and then a broken connection (a pod going away in a rolling restart): each failed try starts one more,
   * never the rest of the sequence again (which once made 7 calls of 3).
   */
  @Test
  void triesAGetAtMostThreeTimesWhenServerErrorsAndBrokenConnectionsMix() throws Exception {
    assertThat(send("GET", "/api/v1/citizens/gone", null).statusCode()).isEqualTo(503);
    assertThat(seen.stream().filter(s -> s.startsWith("GET /api/v1/citizens/gone"))).as("the call and two retries")
        .hasSize(3);
  }

  @Test
  void aServiceThatComesBackIsServedAgainOnceItsOpenBreakerLetsTrialCallsThrough() throws Exception {
    // more failed calls than the breaker's minimum (10): it opens, and then refuses without trying the service
    for (int i = 0; i < 12; i++) {
      assertThat(send("GET", "/api/v1/content?type=news", null).statusCode()).isEqualTo(503);
    }
    assertThat(breaker("content")).isEqualTo("open");

    HttpServer content = HttpServer.create(new InetSocketAddress("127.0.0.1", contentPort), 0);
    content.createContext("/api/v1/content", exchange -> {
      byte[] answer = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    content.start();
    try {
      // the open breaker lets three trial calls through after its 10 s; their success closes it
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .until(() -> send("GET", "/api/v1/content?type=news", null).statusCode() == 200);
      assertThat(send("GET", "/api/v1/content?type=news", null).statusCode()).isEqualTo(200);
      assertThat(send("GET", "/api/v1/content?type=news", null).statusCode()).isEqualTo(200);
      assertThat(breaker("content")).isEqualTo("closed");
    } finally {
      content.stop(0);
    }
  }

  @Test
  void answersAnUnknownPathWithAProblem404() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/nothing-here", null);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  /** A made-up method is refused before it is routed: each one used to become new series of every route metric. */
  @Test
  void aMethodNoApiUsesIsRefusedAndLeavesNoMetricSeries() throws Exception {
    for (String method : List.of("FOO1", "FOO2", "TRACE")) {
      HttpResponse<String> refused = send(method, "/api/v1/analytics/anything", null);
      assertThat(refused.statusCode()).as(method).isEqualTo(501);
      assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    }
    assertThat(send("GET", "/actuator/prometheus", null).body()).doesNotContain("FOO1").doesNotContain("FOO2");
  }

  @Test
  void exposesHealthProbesAndPrometheus() throws Exception {
    assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    // the probes' paths on the API port, where the kubelet asks in a cluster: without credentials
    for (String probe : List.of("/livez", "/readyz")) {
      HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + probe))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(probe).isEqualTo(200);
      assertThat(answer.body()).as(probe).contains("UP");
    }
    send("GET", "/api/v1/regions", null);
    send("GET", "/api/v1/analytics/citizen-registrations", null);
    // refused for want of a scope: on a path a route takes, and on the gateway's own
    assertThat(send("GET", "/api/v1/content/items", null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/api/v1/clients", null).statusCode()).isEqualTo(403);
    send("GET", "/actuator/prometheus", null);
    String metrics = send("GET", "/actuator/prometheus", null).body();
    // a routed call is measured once, with its route, also when its service is down (the problem handler's 503);
    // http.server.requests keeps the gateway's own answers (the first scrape)
    assertThat(metrics).containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*httpStatusCode=\"200\""
            + "[^}]*routeId=\"citizen\"")
        .containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*httpStatusCode=\"503\"[^}]*"
            + "routeId=\"analytics\"")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/actuator/prometheus\"")
        // a call no handler mapping took has uri UNKNOWN there: routed calls (the 200 and the 503) are not there
        .doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*status=\"200\",uri=\"UNKNOWN\"")
        .doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*status=\"503\",uri=\"UNKNOWN\"")
        // a refusal is measured once too: the routed one only as a refusal, the other in http.server.requests as well
        .containsPattern("gateway_refusals_total\\{[^}]*reason=\"forbidden\",routed=\"true\"}")
        .containsPattern("gateway_refusals_total\\{[^}]*reason=\"forbidden\",routed=\"false\"}")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"403\",uri=\"UNKNOWN\"}");
    assertThat(metrics)
        .contains("application=\"gateway\"").contains("resilience4j_circuitbreaker_state")
        // from the start, so that the dashboard's panel and a rate() over it have a series before the first failure
        .contains("gateway_downstream_failures_total{application=\"gateway\",cause=\"timeout\",service=\"content\"}");
  }

  /** The state resilience4j reports for a downstream's breaker on /actuator/prometheus. */
  private String breaker(String name) throws Exception {
    java.util.regex.Matcher state = java.util.regex.Pattern.compile("resilience4j_circuitbreaker_state\\{[^}]*name=\""
        + name + "\",state=\"([a-z_]+)\"} 1\\.0").matcher(send("GET", "/actuator/prometheus", null).body());
    return state.find() ? state.group(1) : "none";
  }

  /** The dashboard's count of citizen-service timeouts. */
  private double timeouts() throws Exception {
    java.util.regex.Matcher count = java.util.regex.Pattern.compile(
        "gateway_downstream_failures_total\\{[^}]*cause=\"timeout\"[^}]*service=\"citizen\"[^}]*} ([0-9.]+)")
        .matcher(send("GET", "/actuator/prometheus", null).body());
    return count.find() ? Double.parseDouble(count.group(1)) : 0;
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.header("X-API-Key", apiKey);
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpServer citizenStub() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/api/v1/citizens", exchange -> {
        java.io.InputStream in = exchange.getRequestBody();
        int first = in.read();
        if (first >= 0 && exchange.getRequestURI().getPath().endsWith("/imports")) {
          importArriving.countDown();
        }
        String body = first < 0 ? "" : (char) first + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
        if (exchange.getRequestURI().getPath().endsWith("/gone")) {
          // the first two tries get 502, later ones a connection closed before any answer
          if (seen.stream().filter(s -> s.startsWith("GET /api/v1/citizens/gone")).count() > 2) {
            throw new IOException("the pod went away");
          }
          exchange.sendResponseHeaders(502, -1);
          exchange.close();
          return;
        }
        if (exchange.getRequestURI().getPath().endsWith("/flaky")) {
          exchange.sendResponseHeaders(502, -1);
          exchange.close();
          return;
        }
        exchange.getResponseHeaders().add("Location", "/api/v1/citizens/abc");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] answer = "{\"id\":\"abc\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(201, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
      });
      server.createContext("/api/v1/regions/events", exchange -> {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (java.io.OutputStream out = exchange.getResponseBody()) {
          out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          // nothing new until the test has seen the quiet outlast the idle time
          eventsResume.await(20, TimeUnit.SECONDS);
          out.write("data: after a quiet longer than the idle time\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException gatewayGaveUp) {
          // the gateway closed the connection
        } finally {
          exchange.close();
        }
      });
      server.createContext("/api/v1/regions/large", exchange -> {
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, LARGE_BYTES);
        byte[] block = new byte[64 * 1024];
        try (java.io.OutputStream out = exchange.getResponseBody()) {
          for (int sent = 0; sent < LARGE_BYTES; sent += block.length) {
            out.write(block);
          }
        } catch (IOException gatewayGaveUp) {
          // the gateway closed the connection
        } finally {
          exchange.close();
        }
      });
      server.createContext("/api/v1/regions/stalling", exchange -> {
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0);
        try (java.io.OutputStream out = exchange.getResponseBody()) {
          for (int part = 1; part <= 5; part++) {
            out.write(("part " + part + "\n").getBytes(StandardCharsets.UTF_8));
          }
          out.flush();
          // then nothing, until the test is done (or, with nothing cutting it off, 20 s)
          stallEnds.await(20, TimeUnit.SECONDS);
          out.write("the end\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException gatewayGaveUp) {
          // the gateway closed the connection
        } finally {
          exchange.close();
        }
      });
      server.createContext("/api/v1/regions", exchange -> {
        String query = exchange.getRequestURI().getQuery();
        long delay = query != null && query.startsWith("slow=") ? Long.parseLong(query.substring(5)) : 0;
        // the downstream answers late; nothing in the test waits on time
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> {
          try {
            byte[] answer = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
          } catch (IOException callerGone) {
            // the gateway gave up on a hung call (its time limit) and closed the connection: nobody to answer
          } finally {
            exchange.close();
          }
        });
      });
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
