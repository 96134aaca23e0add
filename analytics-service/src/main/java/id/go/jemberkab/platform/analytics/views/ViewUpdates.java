package id.go.jemberkab.platform.analytics.views;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of each view's row updates, for analysts without Kafka access. A slow or gone
 * subscriber is dropped; the others keep their stream.
 */
class ViewUpdates implements SmartLifecycle {

  private final Map<ReadModel.View, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final int max;

  ViewUpdates(int max) {
    this.max = max;
  }

  /** A new subscription, or empty when {@code max} streams are open already. */
  java.util.Optional<SseEmitter> subscribe(ReadModel.View view) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return java.util.Optional.empty();
    }
    SseEmitter emitter = new SseEmitter(0L);
    Set<SseEmitter> set = subscribers.computeIfAbsent(view, v -> ConcurrentHashMap.newKeySet());
    set.add(emitter);
    Runnable remove = () -> {
      if (set.remove(emitter)) {
        open.decrementAndGet();
      }
    };
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    try {
      emitter.send(SseEmitter.event().comment("subscribed to " + view.path()));
    } catch (IOException e) {
      remove.run();
    }
    return java.util.Optional.of(emitter);
  }

  void publish(ReadModel.View view, String key, Document row) {
    Set<SseEmitter> set = subscribers.get(view);
    if (set == null || set.isEmpty()) {
      return;
    }
    String json = row.toJson();
    for (SseEmitter emitter : set) {
      try {
        emitter.send(SseEmitter.event().name(view.path()).id(key).data(json,
            MediaType.APPLICATION_JSON));
      } catch (IOException | IllegalStateException gone) {
        emitter.completeWithError(gone);
      }
    }
  }

  private volatile boolean running;

  @Override
  public void start() {
    running = true;
  }

  /** Ends every stream before the web server's graceful shutdown, which would otherwise wait for them. */
  @Override
  public void stop() {
    running = false;
    subscribers.values().forEach(set -> set.forEach(SseEmitter::complete));
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
