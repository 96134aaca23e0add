package id.go.jemberkab.platform.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP service standing in for the platform's services in gateway tests: answers every path with
 * 200 and a small JSON body, records what arrived (method, path, headers, body), and serves {@code extra}
 * paths (a JWKS) verbatim.
 */
public final class Downstream implements AutoCloseable {

  /** One request as the service saw it. */
  public record Seen(String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
          .findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile Map<String, String> extra = Map.of();

  public Downstream() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String fixed = extra.get(path);
      if (fixed == null) {
        seen.add(new Seen(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
      }
      byte[] answer = (fixed != null ? fixed : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      // one request per connection: the JDK server can lose a request that arrives on a kept-alive
      // connection just as it parks it as idle, and the call then waits out the gateway's timeouts
      exchange.getResponseHeaders().add("Connection", "close");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void serve(String path, String body) {
    extra = Map.of(path, body);
  }

  public Seen last() {
    return seen.isEmpty() ? null : seen.get(seen.size() - 1);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
