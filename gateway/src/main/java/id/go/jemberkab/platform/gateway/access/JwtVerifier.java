package id.go.jemberkab.platform.gateway.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks OAuth2 client-credentials access tokens: an RS256/ES256 signature by a key of the configured JWKS
 * (fetched and cached, refreshed when an unknown key id appears), the issuer, the audience, and the expiry
 * (60 s clock skew). The client is the token's {@code client_id} (or {@code azp}, else {@code sub}); it must
 * be registered and active, and its scopes are those of the token that the registry also grants.
 */
public final class JwtVerifier {

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public JwtVerifier(String jwksUri, String issuer, String audience) {
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.create(URI.create(jwksUri).toURL()).retrying(true).build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("platform.gateway.jwt.jwks-uri is not a URL: " + jwksUri, e);
    }
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
        keys));
    // RFC 9068's access tokens say so (at+jwt); other identity providers' say JWT, or nothing
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
        null));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
        new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "iss", "aud")));
  }

  /**
   * The client id and requested scopes of a valid token.
   *
   * @throws KeysUnavailableException when the JWKS could not be fetched: the token was not judged, and a client told
   *     401 would throw a good token away
   */
  /** Whether the last time the key set was needed, it was there: fetched, or cached. */
  private volatile boolean keysFetched;

  public Token verify(String token) throws InvalidTokenException, KeysUnavailableException {
    try {
      JWTClaimsSet claims = processor.process(token, null);
      String client = firstNonNull(claims.getStringClaim("client_id"), claims.getStringClaim("azp"),
          claims.getSubject());
      if (client == null) {
        throw new InvalidTokenException("the token names no client (client_id, azp or sub)");
      }
      keysFetched = true;
      return new Token(client, scopes(claims.getClaim("scope")));
    } catch (ParseException e) {
      throw new InvalidTokenException("the bearer token is not a JWT");
    } catch (BadJOSEException e) {
      keysFetched = true; // judged against the key set: no key of it signed this, or a claim is wrong
      throw new InvalidTokenException(e.getMessage());
    } catch (com.nimbusds.jose.jwk.source.RateLimitReachedException e) {
      // the key source will not ask again so soon (twice in 30 s), whether those asks worked or not: when the last
      // one did, this token's key id is one the key set lacks (forged, or another issuer's); when it did not, the
      // identity provider is away and the token was not judged
      if (keysFetched) {
        throw new InvalidTokenException("the token's key is not in the identity provider's key set");
      }
      throw new KeysUnavailableException(e.getMessage());
    } catch (com.nimbusds.jose.KeySourceException e) {
      keysFetched = false;
      throw new KeysUnavailableException(e.getMessage());
    } catch (JOSEException e) {
      throw new InvalidTokenException("the token could not be verified: " + e.getMessage());
    }
  }

  /** RFC 9068's {@code scope} is one space-separated string; some identity providers send a list of them. */
  private static Set<String> scopes(Object claim) throws InvalidTokenException {
    Stream<?> parts;
    if (claim == null) {
      return new HashSet<>();
    } else if (claim instanceof String text) {
      parts = Arrays.stream(text.trim().split("\\s+"));
    } else if (claim instanceof List<?> list) {
      parts = list.stream();
    } else {
      throw new InvalidTokenException("the token's scope claim is neither a string nor a list of strings");
    }
    Set<String> scopes = new HashSet<>();
    for (Object part : parts.toList()) {
      if (!(part instanceof String scope)) {
        throw new InvalidTokenException("the token's scope claim is neither a string nor a list of strings");
      }
      if (!scope.isBlank()) {
        scopes.add(scope.strip());
      }
    }
    return scopes;
  }

  private static String firstNonNull(String... values) {
    return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
  }

  public record Token(String clientId, Set<String> scopes) {
  }

  /** The identity provider's JWKS could not be fetched (down, or answering something that is no JWKS). */
  public static final class KeysUnavailableException extends Exception {
    KeysUnavailableException(String message) {
      super(message);
    }
  }

  /** A token that is malformed, unsigned by a known key, expired, or for another issuer or audience. */
  public static final class InvalidTokenException extends Exception {
    InvalidTokenException(String message) {
      super(message);
    }
  }
}
