package id.go.jemberkab.platform.content.engagement;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The CloudEvents id an engagement item is published under: a UUID (version 8) made from an HMAC-SHA256 of the
 * client's id for it under a key kept in MongoDB, so the same item gets the same id on every replica and every
 * resend, and consumers still deduplicate on it. The client's id itself stays in this service: a sender that
 * builds its ids from a phone number or a NIK ({@code wa:6281234567890:1}) would otherwise put them on the topic,
 * which is kept 400 days.
 */
final class EventIds {

  static final String COLLECTION = "engagement_keys";
  private static final String KEY_ID = "event-ids";

  private final MongoTemplate mongo;
  private final Queue<Mac> macs = new ConcurrentLinkedQueue<>();
  private volatile SecretKeySpec key;

  EventIds(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The published id of {@code clientId} (the client's id as {@link EngagementIntake#key} makes it). */
  String of(String clientId) {
    Mac mac = macs.poll();
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(key());
      }
      ByteBuffer digest = ByteBuffer.wrap(mac.doFinal(clientId.getBytes(StandardCharsets.UTF_8)));
      macs.offer(mac);
      long most = (digest.getLong() & ~0xF000L) | 0x8000L;
      long least = (digest.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      return new UUID(most, least).toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Made on the first item ever taken, by whichever replica comes first; the others read it. */
  private SecretKeySpec key() {
    SecretKeySpec known = key;
    if (known == null) {
      synchronized (this) {
        known = key;
        if (known == null) {
          byte[] fresh = new byte[32];
          new SecureRandom().nextBytes(fresh);
          Document stored = mongo.findAndModify(query(where("_id").is(KEY_ID)),
              new Update().setOnInsert("key", Base64.getEncoder().encodeToString(fresh)),
              FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
          known = new SecretKeySpec(Base64.getDecoder().decode(stored.getString("key")), "HmacSHA256");
          key = known;
        }
      }
    }
    return known;
  }
}
