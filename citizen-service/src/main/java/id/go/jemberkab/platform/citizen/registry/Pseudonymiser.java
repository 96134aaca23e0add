package id.go.jemberkab.platform.citizen.registry;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns a NIK into the pseudonymous citizen id that events carry: HMAC-SHA256 under a key only
 * citizen-service holds, first 128 bits, hex. Stable, so analysts can join a citizen's events; not
 * reversible, and not recomputable from a guessed NIK without the key.
 */
@Component
public class Pseudonymiser {

  static final int MIN_KEY_BYTES = 16;

  private final SecretKeySpec key;

  public Pseudonymiser(@Value("${platform.pseudonym.key}") String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("platform.pseudonym.key must be at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  public String citizenRef(Nik nik) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(nik.value().getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
