package id.go.jemberkab.platform.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter.Type;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

class ProxyHeadersFilterTest {

  private final ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

  @Test
  void aRequestLeavesItsHopByHopAndForwardingHeadersAtTheGateway() {
    HttpHeaders in = new HttpHeaders();
    in.add("Host", "gateway.jemberkab.go.id");
    in.add("Accept", "application/json");
    in.add("connection", "keep-alive, X-Debug-Hop");
    in.add("X-Debug-Hop", "1");
    in.add("Keep-Alive", "timeout=5");
    in.add("TE", "trailers");
    in.add("Upgrade", "h2c");
    in.add("Proxy-Authorization", "Basic eDp5");
    in.add("Forwarded", "for=10.0.0.1;host=evil.example");
    in.add("X-Forwarded-For", "10.0.0.1");
    in.add("x-forwarded-host", "evil.example");
    in.add("X-Forwarded-Prefix", "/admin");
    in.add("X-Request-Id", "req-1");

    ProxyHeadersFilter.stripInbound(in);

    assertThat(in.headerNames()).containsExactlyInAnyOrder("Host", "Accept", "X-Request-Id");
    assertThat(in.getFirst("accept")).isEqualTo("application/json");
  }

  @Test
  void aContentLengthNextToChunkedCodingIsDroppedAndTheBodyGoesOnChunked() {
    HttpHeaders in = new HttpHeaders();
    in.add("Content-Type", "application/json");
    in.add("Transfer-Encoding", "gzip, Chunked");
    in.add("Content-Length", "4");

    ProxyHeadersFilter.stripInbound(in);

    assertThat(in.headerNames()).containsExactly("Content-Type");

    HttpHeaders plain = new HttpHeaders();
    plain.add("Content-Length", "4");
    ProxyHeadersFilter.stripInbound(plain);
    assertThat(plain.getContentLength()).isEqualTo(4);
  }

  @Test
  void aResponseKeepsForwardingHeadersButLosesItsHopByHopOnes() {
    HttpHeaders in = new HttpHeaders();
    in.add("Content-Type", "application/json");
    in.add("ETag", "\"3\"");
    in.add("Connection", "keep-alive");
    in.add("Keep-Alive", "timeout=60");
    in.add("Transfer-Encoding", "chunked");
    in.add("X-Forwarded-Host", "citizen-service");

    HttpHeaders out = ProxyHeadersFilter.outbound().filter(in, exchange);

    assertThat(out.headerNames()).containsExactlyInAnyOrder("Content-Type", "ETag", "X-Forwarded-Host");
    assertThat(out).as("the routing filter's fresh headers of each answer are changed in place").isSameAs(in);

    HttpHeaders readOnly = HttpHeaders.readOnlyHttpHeaders(headersWith("Content-Type", "application/json", "Connection", "close"));
    assertThat(ProxyHeadersFilter.outbound().filter(readOnly, exchange).headerNames()).containsExactly("Content-Type");
  }

  @Test
  void theServersOwnHeadersLoseForwardingHeadersInPlaceButAHopByHopOneAsksForACopy() {
    io.netty.handler.codec.http.HttpHeaders own = new io.netty.handler.codec.http.DefaultHttpHeaders();
    own.add("Host", "gateway.jemberkab.go.id");
    own.add("X-Forwarded-For", "10.0.0.1");
    own.add("x-forwarded-for", "10.0.0.2");
    own.add("Forwarded", "for=10.0.0.1");
    own.add("Accept", "application/json");

    assertThat(ProxyHeadersFilter.stripInboundInPlace(own)).isTrue();
    assertThat(own.names()).containsExactlyInAnyOrder("Host", "Accept");

    own.add("Connection", "keep-alive, X-Debug-Hop");
    own.add("X-Debug-Hop", "1");
    assertThat(ProxyHeadersFilter.stripInboundInPlace(own)).as("the server reads Connection itself").isFalse();
    assertThat(own.names()).containsExactlyInAnyOrder("Host", "Accept", "Connection", "X-Debug-Hop");
  }

  private static HttpHeaders headersWith(String... namesAndValues) {
    HttpHeaders headers = new HttpHeaders();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  @Test
  void aResponseWithNothingToRemoveIsPassedOnWithoutACopy() {
    HttpHeaders in = new HttpHeaders();
    in.add("Content-Type", "application/json");
    in.add("Content-Length", "12");

    assertThat(ProxyHeadersFilter.outbound().filter(in, exchange)).isSameAs(in);
    assertThat(ProxyHeadersFilter.outbound().supports(Type.RESPONSE)).isTrue();
    assertThat(ProxyHeadersFilter.outbound().supports(Type.REQUEST)).isFalse();
  }
}
