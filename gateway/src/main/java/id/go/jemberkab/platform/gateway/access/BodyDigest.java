package id.go.jemberkab.platform.gateway.access;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The key of the audit record's body digest (HMAC-SHA-256). A plain SHA-256 of a small body is personal data: a
 * NIK lookup's body ({"nik":"3509…"}) has about 10^10 possible values, tried in seconds, and the same lookup always
 * gave the same digest. Under this key, a reader of {@code gateway.access.v1} learns nothing from the digest, while
 * an operator holding the key can still check that a body presented later is the one the gateway received.
 *
 * <p>The key is made on the first start and kept in the gateway's MongoDB (collection {@value #COLLECTION}), so
 * every replica and every restart digests alike.
 */
public final class BodyDigest {

  static final String COLLECTION = "audit_keys";
  static final String KEY_ID = "body-digest";
  static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  BodyDigest(MongoTemplate mongo) {
    this.key = new SecretKeySpec(load(mongo), ALGORITHM);
  }

  /** A fresh digest for one request's body. */
  Mac start() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] load(MongoTemplate mongo) {
    Document kept = mongo.findById(KEY_ID, Document.class, COLLECTION);
    if (kept == null) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      try {
        mongo.insert(new Document("_id", KEY_ID).append("key", Base64.getEncoder().encodeToString(fresh)), COLLECTION);
        return fresh;
      } catch (DuplicateKeyException anotherReplicaFirst) {
        kept = mongo.findById(KEY_ID, Document.class, COLLECTION);
      }
    }
    return Base64.getDecoder().decode(kept.getString("key"));
  }
}
