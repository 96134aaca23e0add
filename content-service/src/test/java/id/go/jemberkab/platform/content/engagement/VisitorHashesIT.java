package id.go.jemberkab.platform.content.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.go.jemberkab.platform.testsupport.Backbone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The visitor hash against a real wire server: stable within a day, alike on every replica, new the next day. */
class VisitorHashesIT {

  private final MongoClient client = MongoClients.create(Backbone.get().mongoUri());
  private final MongoTemplate mongo = new MongoTemplate(client, "visitor-hashes-" + UUID.randomUUID());
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T10:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return Clock.fixed(now.get(), zone);
    }
  };

  @AfterEach
  void dropDatabase() {
    mongo.getDb().drop();
    client.close();
  }

  @Test
  void sameVisitorSameHashAllDayOnEveryReplicaAndANewOneTheNextDayWithOldKeysDeleted() {
    VisitorHashes one = new VisitorHashes(mongo, clock);
    VisitorHashes other = new VisitorHashes(mongo, clock);
    String today = one.hash("web", null, "203.0.113.9", "Firefox");
    assertThat(today).matches("[0-9a-f]{32}").isEqualTo(one.hash("web", null, "203.0.113.9", "Firefox"))
        .as("another replica, the same key").isEqualTo(other.hash("web", null, "203.0.113.9", "Firefox"))
        .isNotEqualTo(one.hash("web", null, "203.0.113.10", "Firefox"))
        .isNotEqualTo(one.hash("facebook", null, "203.0.113.9", "Firefox"));
    assertThat(one.hash("web", null, null, null)).isNull();

    now.set(now.get().plus(Duration.ofDays(1)));
    String tomorrow = one.hash("web", null, "203.0.113.9", "Firefox");
    assertThat(tomorrow).isNotEqualTo(today).isEqualTo(other.hash("web", null, "203.0.113.9", "Firefox"));

    now.set(now.get().plus(Duration.ofDays(2)));
    one.hash("web", null, "203.0.113.9", "Firefox");
    assertThat(mongo.getCollection(VisitorHashes.COLLECTION).countDocuments())
        .as("only today's and yesterday's keys are kept; older ones are gone").isEqualTo(1);
  }

  @Test
  void aVisitJustBeforeMidnightSentJustAfterItKeepsItsDaysHash() {
    VisitorHashes hashes = new VisitorHashes(mongo, clock);
    Instant lateEvening = Instant.parse("2026-11-27T16:59:30Z"); // 23:59:30 in Jember
    now.set(lateEvening);
    String thatDay = hashes.hash("web", null, "203.0.113.9", "Firefox", lateEvening);

    now.set(Instant.parse("2026-11-27T17:05:00Z")); // 00:05 the next day
    assertThat(hashes.hash("web", null, "203.0.113.9", "Firefox", lateEvening))
        .as("the batch sent after midnight").isEqualTo(thatDay);
    String newDay = hashes.hash("web", null, "203.0.113.9", "Firefox", now.get());
    assertThat(newDay).isNotEqualTo(thatDay);
    assertThat(hashes.hash("web", null, "203.0.113.9", "Firefox", lateEvening.minus(Duration.ofDays(3))))
        .as("a day whose key is gone: today's").isEqualTo(newDay);
    assertThat(hashes.hash("web", null, "203.0.113.9", "Firefox", now.get().plus(Duration.ofMinutes(4))))
        .isEqualTo(newDay);
  }
}
