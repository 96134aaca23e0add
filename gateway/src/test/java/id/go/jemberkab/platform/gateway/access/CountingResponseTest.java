package id.go.jemberkab.platform.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The audit's byte-counting response keeps the server's zero-copy file write: hiding it once left a
 * kept-alive connection hanging after a static asset (Swagger UI's webjars) was served from a file.
 */
class CountingResponseTest {

  /** A response that can write files itself, as Reactor Netty's can. */
  static final class ZeroCopyResponse extends MockServerHttpResponse implements ZeroCopyHttpOutputMessage {
    Path file;
    long count;

    @Override
    public Mono<Void> writeWith(Path file, long position, long count) {
      this.file = file;
      this.count = count;
      return Mono.empty();
    }
  }

  @Test
  void aFileGoesToTheServersZeroCopyWriteAndIsCounted(@TempDir Path dir) throws Exception {
    Path asset = Files.writeString(dir.resolve("index.html"), "<html>swagger-ui</html>");
    ZeroCopyResponse server = new ZeroCopyResponse();
    AccessFilter.Counted counted = new AccessFilter.Counted(null);
    AccessFilter.CountingResponse response = new AccessFilter.CountingResponse(server, counted);

    assertThat(response).isInstanceOf(ZeroCopyHttpOutputMessage.class);
    ((ZeroCopyHttpOutputMessage) response).writeWith(asset, 0, Files.size(asset)).block();

    assertThat(server.file).isEqualTo(asset);
    assertThat(server.count).isEqualTo(23);
    assertThat(counted.responseBytes.get()).isEqualTo(23);
  }

  @Test
  void withoutAZeroCopyServerTheFileIsStreamedAndCounted(@TempDir Path dir) throws Exception {
    Path asset = Files.writeString(dir.resolve("index.html"), "<html>swagger-ui</html>");
    MockServerHttpResponse server = new MockServerHttpResponse();
    AccessFilter.Counted counted = new AccessFilter.Counted(null);

    new AccessFilter.CountingResponse(server, counted).writeWith(asset, 6, 10).block();

    assertThat(server.getBodyAsString().block()).isEqualTo("swagger-ui");
    assertThat(counted.responseBytes.get()).isEqualTo(10);
  }
}
