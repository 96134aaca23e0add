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

    assertThatThrownBy(() -> verifier.verify(jwt.serialize())).isInstanceOf(JwtVerifier.KeysUnavailableException.class);
    assertThatThrownBy(() -> verifier.verify("not-a-jwt")).isInstanceOf(JwtVerifier.InvalidTokenException.class);
  }
}
