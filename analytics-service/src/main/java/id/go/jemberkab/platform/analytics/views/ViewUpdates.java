package id.go.jemberkab.platform.analytics.views;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of each view's row updates, for analysts without Kafka access.
 *
 * <p>Each subscriber has a queue of its own, sent by a thread of its own while it has something to send (one per
 * open stream, and a dropped client's until its blocked write times out): a client that stops reading holds its own thread only, never another
 * stream's or the listener that feeds every stream and the KPI gauges, and once its queue is full it is dropped.
 * (Four senders shared by all streams were held by four sleeping laptops, and every other stream starved.) Every
 * {@code heartbeat} each stream gets a comment, so a client that went away without a word (a closed tab behind a
 * proxy) is found by the failed write and its place freed; the places are limited, and without this a view that
 * seldom changes kept them taken for hours.
 */
class ViewUpdates implements SmartLifecycle {

  /** Updates a subscriber may be behind before it is dropped. */
  static final int QUEUE = 256;

  private final Map<ReadModel.View, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final int max;
  private final Duration heartbeat;
  private final ExecutorService senders = Executors.newCachedThreadPool(daemon("analytics-live-send"));
  private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(
      daemon("analytics-live-heartbeat"));
  private volatile boolean running;

  ViewUpdates(int max, Duration heartbeat) {
    this.max = max;
    this.heartbeat = heartbeat;
  }

  /** A new subscription, or empty when {@code max} streams are open already. */
  Optional<SseEmitter> subscribe(ReadModel.View view) {
    return subscribe(view, new SseEmitter(0L));
  }

  /** As {@link #subscribe(ReadModel.View)}, on a given emitter. */
  Optional<SseEmitter> subscribe(ReadModel.View view, SseEmitter emitter) {
    if (!running) {
      // stopping: the senders are gone, and the stream would end at once
      return Optional.empty();
    }
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return Optional.empty();
    }
    Set<Subscriber> set = subscribers.computeIfAbsent(view, v -> ConcurrentHashMap.newKeySet());
    Subscriber subscriber = new Subscriber(emitter, set);
    set.add(subscriber);
    emitter.onCompletion(subscriber::remove);
    emitter.onTimeout(subscriber::remove);
    emitter.onError(e -> subscriber.remove());
    subscriber.offer(SseEmitter.event().comment("subscribed to " + view.path()));
    return Optional.of(emitter);
  }

  void publish(ReadModel.View view, String key, Document row) {
    Set<Subscriber> set = subscribers.get(view);
    if (set == null || set.isEmpty()) {
      return;
    }
    String json = row.toJson();
    for (Subscriber subscriber : set) {
      subscriber.offer(SseEmitter.event().name(view.path()).id(key).data(json, MediaType.APPLICATION_JSON));
    }
  }

  /** Streams open now. */
  int open() {
    return open.get();
  }

  private void beat() {
    subscribers.values().forEach(set -> set.forEach(s -> s.offer(SseEmitter.event().comment("keep-alive"))));
  }

  /** One stream: its emitter and the updates not yet sent to it. */
  private final class Subscriber {

    private final SseEmitter emitter;
    private final Set<Subscriber> set;
    private final Queue<SseEmitter.SseEventBuilder> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean removed = new AtomicBoolean();

    Subscriber(SseEmitter emitter, Set<Subscriber> set) {
      this.emitter = emitter;
      this.set = set;
    }

    void offer(SseEmitter.SseEventBuilder event) {
      if (removed.get()) {
        return;
      }
      if (!queue.offer(event)) {
        remove();
        // on a sender: the emitter's write lock is held by the sender still stuck in this client's write, and
        // the caller is the listener that feeds every stream, or the heartbeat
        onSender(() -> emitter.completeWithError(new IOException("the client fell " + QUEUE + " updates behind")));
        return;
      }
      if (sending.compareAndSet(false, true)) {
        onSender(this::drain);
      }
    }

    /** Sends what is queued, on one sender at a time. */
    private void drain() {
      SseEmitter.SseEventBuilder event;
      while (!removed.get() && (event = queue.poll()) != null) {
        try {
          emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
          remove();
          emitter.completeWithError(gone);
        }
      }
      sending.set(false);
      // an update queued after the last poll and before the flag went down would wait for the next one
      if (!queue.isEmpty() && !removed.get() && sending.compareAndSet(false, true)) {
        onSender(this::drain);
      }
    }

    /**
     * Runs on a sender; once they are shut down (the service stopping), the stream is ended here instead: the
     * listener and the heartbeat go on until their own stop, and must not fail for it.
     */
    private void onSender(Runnable work) {
      try {
        senders.execute(work);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        remove();
        emitter.complete();
      }
    }

    void remove() {
      if (removed.compareAndSet(false, true) && set.remove(this)) {
        open.decrementAndGet();
        queue.clear();
      }
    }
  }

  @Override
  public void start() {
    running = true;
    long every = heartbeat.toMillis();
    beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /** Ends every stream before the web server's graceful shutdown, which would otherwise wait for them. */
  @Override
  public void stop() {
    running = false;
    beats.shutdownNow();
    // each on a sender, for the same reason: the shutdown does not wait on every stuck client's write in turn
    subscribers.values().forEach(set -> set.forEach(s -> {
      s.remove();
      senders.execute(s.emitter::complete);
    }));
    senders.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
