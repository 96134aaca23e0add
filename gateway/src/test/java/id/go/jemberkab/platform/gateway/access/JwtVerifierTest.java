package id.go.jemberkab.platform.gateway.access;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** A token the gateway could not check is not an invalid token. */
class JwtVerifierTest {

  @Test
  void anIdentityProviderThatCannotBeReachedLeavesTheTokenUnjudgedNotInvalid() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort(); // free again once closed: nothing listens there
    }
    JwtVerifier verifier = new JwtVerifier("http://127.0.0.1:" + closed + "/jwks.json", "https://sso.example", "api");
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
        new JWTClaimsSet.Builder().issuer("https://sso.example").audience("api").claim("client_id", "bappeda")
            .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
    jwt.sign(new RSASSASigner(key));

    // however often it is asked: past two fetches in 30 s the key source stops trying, and that is still no verdict
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> verifier.verify(jwt.serialize())).as("try %d", i)
          .isInstanceOf(JwtVerifier.KeysUnavailableException.class);
    }
    assertThatThrownBy(() -> verifier.verify("not-a-jwt")).isInstanceOf(JwtVerifier.InvalidTokenException.class);
  }

  /**
   * Tokens with key ids the JWKS does not have, one after another: the key source stops asking the identity provider
   * again so soon, and that is a token signed by no key we know (401), not the identity provider away (503).
   */
  @Test
  void tokensSignedByKeysTheIdentityProviderDoesNotHaveAreInvalidHoweverManyCome() throws Exception {
    RSAKey known = new RSAKeyGenerator(2048).keyID("k1").generate();
    com.sun.net.httpserver.HttpServer jwks = jwks(known);
    try {
      JwtVerifier verifier = verifierOf(jwks);
      RSAKey forger = new RSAKeyGenerator(2048).generate();
      for (int i = 0; i < 5; i++) {
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forged-" + i).build(),
            new JWTClaimsSet.Builder().issuer("https://sso.example").audience("api").claim("client_id", "bappeda")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        forged.sign(new RSASSASigner(forger));
        assertThatThrownBy(() -> verifier.verify(forged.serialize())).as("token %d", i)
            .isInstanceOf(JwtVerifier.InvalidTokenException.class);
      }
    } finally {
      jwks.stop(0);
    }
  }

  /**
   * RFC 9068 access tokens carry {@code typ: at+jwt}, and some identity providers send the scopes as a list: both
   * are client-credentials tokens like any other. A token of another type (an ID token's own, say) is not.
   */
  @Test
  void acceptsRfc9068AccessTokensAndScopeListsButNoOtherTokenType() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    com.sun.net.httpserver.HttpServer jwks = jwks(key);
    try {
      JwtVerifier verifier = verifierOf(jwks);
      JwtVerifier.Token token = verifier.verify(token(key, new com.nimbusds.jose.JOSEObjectType("at+jwt"),
          "citizen:read content:write"));
      org.assertj.core.api.Assertions.assertThat(token.clientId()).isEqualTo("bappeda");
      org.assertj.core.api.Assertions.assertThat(token.scopes()).containsExactlyInAnyOrder("citizen:read",
          "content:write");
      org.assertj.core.api.Assertions.assertThat(verifier.verify(token(key, null,
          java.util.List.of("citizen:read", "analytics:read"))).scopes())
          .containsExactlyInAnyOrder("citizen:read", "analytics:read");
      assertThatThrownBy(() -> verifier.verify(token(key, new com.nimbusds.jose.JOSEObjectType("logout+jwt"),
          "citizen:read"))).isInstanceOf(JwtVerifier.InvalidTokenException.class);
      assertThatThrownBy(() -> verifier.verify(token(key, null, 42)))
          .isInstanceOf(JwtVerifier.InvalidTokenException.class).hasMessageContaining("scope");
    } finally {
      jwks.stop(0);
    }
  }

  private static String token(RSAKey key, com.nimbusds.jose.JOSEObjectType type, Object scope) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build(),
        new JWTClaimsSet.Builder().issuer("https://sso.example").audience("api").claim("client_id", "bappeda")
            .claim("scope", scope).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static JwtVerifier verifierOf(com.sun.net.httpserver.HttpServer jwks) {
    return new JwtVerifier("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json", "https://sso.example",
        "api");
  }

  private static com.sun.net.httpserver.HttpServer jwks(RSAKey key) throws java.io.IOException {
    com.sun.net.httpserver.HttpServer jwks = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString().getBytes(
        java.nio.charset.StandardCharsets.UTF_8);
    jwks.createContext("/jwks.json", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    jwks.start();
    return jwks;
  }
}
