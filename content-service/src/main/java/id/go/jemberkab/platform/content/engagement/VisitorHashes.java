package id.go.jemberkab.platform.content.engagement;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A visitor as a keyed hash that changes every day, as Plausible counts visitors: HMAC-SHA256 over channel,
 * IP address and user agent (or the channel's own visitor id) with a random key of the day (Asia/Jakarta).
 * Keys live in MongoDB so every replica hashes alike, and are deleted after two days: then nobody, this
 * service included, can link a hash to an address. The address and user agent are never stored.
 */
class VisitorHashes {

  static final String COLLECTION = "visitor_keys";
  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  private final MongoTemplate mongo;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<LocalDate, byte[]> keys = new ConcurrentHashMap<>();
  /**
   * Keyed Macs for reuse, per day (Mac.getInstance and init cost more than the hash); dropped with their day's
   * key, so no Mac outlives the key it holds.
   */
  private final Map<LocalDate, Queue<Mac>> macs = new ConcurrentHashMap<>();

  VisitorHashes(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** The visitor's hash for today, 32 hex characters; null when nothing identifies the visitor. */
  String hash(String channel, String visitorId, String ip, String userAgent) {
    return hash(channel, visitorId, ip, userAgent, null);
  }

  /**
   * The visitor's hash for the day of the visit while that day's key still exists (today or yesterday): a batch
   * sent just after midnight names yesterday's visitors as yesterday did, not as new ones. Older visits, and a
   * visit without a time, get today's.
   */
  String hash(String channel, String visitorId, String ip, String userAgent, java.time.Instant occurredAt) {
    String who = visitorId != null ? "id:" + visitorId : ip != null ? "ip:" + ip + "|" + userAgent : null;
    if (who == null) {
      return null;
    }
    LocalDate today = LocalDate.now(clock.withZone(JAKARTA));
    LocalDate visited = occurredAt == null ? today : LocalDate.ofInstant(occurredAt, JAKARTA);
    LocalDate day = visited.isAfter(today) || visited.isBefore(today.minusDays(1)) ? today : visited;
    byte[] key = key(day);
    Queue<Mac> pool = macs.computeIfAbsent(day, d -> new ConcurrentLinkedQueue<>());
    Mac mac = pool.poll();
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      }
      byte[] digest = mac.doFinal((channel + "|" + who).getBytes(StandardCharsets.UTF_8));
      pool.offer(mac);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private byte[] key(LocalDate day) {
    byte[] known = keys.get(day);
    if (known != null) {
      return known;
    }
    byte[] key = keys.computeIfAbsent(day, d -> {
      byte[] fresh = new byte[32];
      random.nextBytes(fresh);
      Document stored = mongo.findAndModify(query(where("_id").is(d.toString())),
          new Update().setOnInsert("key", Base64.getEncoder().encodeToString(fresh)),
          FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
      mongo.remove(query(where("_id").lt(LocalDate.now(clock.withZone(JAKARTA)).minusDays(1).toString())),
          COLLECTION);
      return Base64.getDecoder().decode(stored.getString("key"));
    });
    // outside computeIfAbsent: a ConcurrentHashMap must not change other entries from inside it
    LocalDate kept = LocalDate.now(clock.withZone(JAKARTA)).minusDays(1);
    keys.keySet().removeIf(k -> k.isBefore(kept));
    macs.keySet().removeIf(k -> k.isBefore(kept));
    return key;
  }
}
