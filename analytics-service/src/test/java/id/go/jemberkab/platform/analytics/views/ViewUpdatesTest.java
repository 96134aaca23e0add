package id.go.jemberkab.platform.analytics.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live streams: one client that stops reading holds nobody else, and a client gone silently frees its place. */
class ViewUpdatesTest {

  private ViewUpdates updates;
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    updates.stop();
  }

  @Test
  void clientsThatStopReadingHoldNoOtherStreamAndAreDroppedOnceFarBehind() throws Exception {
    updates = started(10, Duration.ofMinutes(10));
    // five laptops asleep with a dashboard open: each one's first write never returns (its socket buffer is full).
    // With four senders shared by every stream, four of them held all four, and every other stream starved
    int asleep = 5;
    for (int i = 0; i < asleep; i++) {
      // holding the emitter's write lock, as its own send does around the socket write
      SseEmitter stuck = new SseEmitter(0L) {
        @Override
        public void send(SseEventBuilder event) {
          writeLock.lock();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            writeLock.unlock();
          }
        }
      };
      assertThat(updates.subscribe(ReadModel.View.ENGAGEMENT, stuck)).isPresent();
    }
    List<String> received = new CopyOnWriteArrayList<>();
    SseEmitter reading = new SseEmitter(0L) {
      @Override
      public void send(SseEventBuilder event) {
        received.add(event.build().toString());
      }
    };
    assertThat(updates.subscribe(ReadModel.View.ENGAGEMENT, reading)).isPresent();

    Thread listener = new Thread(() -> {
      for (int i = 0; i < 10; i++) {
        updates.publish(ReadModel.View.ENGAGEMENT, "content|c" + i + "|1m", new Document("views", i));
      }
    });
    listener.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 11);
    listener.join(10_000);
    assertThat(listener.isAlive()).as("the listener, held by the clients that stopped reading").isFalse();

    // dropping a stuck client must not wait for its write lock: the listener would hang until the write failed
    Thread behind = new Thread(() -> {
      for (int i = 0; i < ViewUpdates.QUEUE; i++) {
        updates.publish(ReadModel.View.ENGAGEMENT, "content|d" + i + "|1m", new Document("views", i));
      }
    });
    behind.start();
    behind.join(10_000);
    assertThat(behind.isAlive()).as("the listener, dropping the clients that fell behind").isFalse();
    assertThat(updates.open()).as("streams open once the stuck ones fell a queue behind").isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 11 + ViewUpdates.QUEUE);
  }

  @Test
  void aClientGoneWithoutAWordFreesItsPlaceAtTheNextHeartbeat() {
    updates = started(1, Duration.ofMillis(100));
    AtomicInteger writes = new AtomicInteger();
    // the subscription's first comment goes out; then the connection is gone, and only a write finds it
    SseEmitter gone = new SseEmitter(0L) {
      @Override
      public void send(SseEventBuilder event) throws IOException {
        if (writes.incrementAndGet() > 1) {
          throw new IOException("Broken pipe");
        }
      }
    };
    assertThat(updates.subscribe(ReadModel.View.FOLLOWERS, gone)).isPresent();
    assertThat(updates.subscribe(ReadModel.View.FOLLOWERS)).as("a second stream while one is open").isEmpty();
    // no follower row changes meanwhile: only the heartbeat writes
    await().atMost(Duration.ofSeconds(5)).until(() -> updates.open() == 0);
    assertThat(updates.subscribe(ReadModel.View.FOLLOWERS)).isPresent();
  }

  @Test
  void noStreamOpensOnceStopped() {
    updates = started(10, Duration.ofMinutes(10));
    updates.stop();
    // its senders are gone: a stream opened now would fail its first update, and later ones the listener
    assertThat(updates.subscribe(ReadModel.View.ENGAGEMENT, new SseEmitter(0L))).isEmpty();
    updates.publish(ReadModel.View.ENGAGEMENT, "content|c|1m", new Document("views", 1));
    assertThat(updates.open()).isZero();
  }

  private static ViewUpdates started(int max, Duration heartbeat) {
    ViewUpdates updates = new ViewUpdates(max, heartbeat);
    updates.start();
    return updates;
  }
}
