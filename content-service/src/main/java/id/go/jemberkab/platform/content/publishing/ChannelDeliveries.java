package id.go.jemberkab.platform.content.publishing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import id.go.jemberkab.platform.content.channel.Channel;
import id.go.jemberkab.platform.content.channel.ChannelAdapters;
import id.go.jemberkab.platform.content.channel.Delivery;
import id.go.jemberkab.platform.content.channel.DeliveryFailure;
import id.go.jemberkab.platform.content.channel.Post;
import id.go.jemberkab.platform.content.publishing.ContentDocument.DeliveryState;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.content.ChannelDeliveryFailed;
import id.go.jemberkab.platform.contracts.content.ChannelDeliverySucceeded;
import id.go.jemberkab.platform.outbox.OutboxRelay;
import id.go.jemberkab.platform.outbox.PendingEvent;
import id.go.jemberkab.platform.problems.NotFoundException;
import id.go.jemberkab.platform.problems.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers published editions to their channels and keeps each delivery's state on the item. A delivery is
 * claimed with a lease before its adapter is called, so two replicas never post twice and a delivery whose
 * process died is picked up again when the lease ends. A failed attempt is tried again with growing pauses
 * (or after the channel's {@code Retry-After}); after {@code max-attempts}, or when the channel refused the
 * post, it stays {@code failed} until an editor retries it. Each outcome is an event on the item's outbox.
 */
@Component
class ChannelDeliveries {

  private static final Logger log = LoggerFactory.getLogger(ChannelDeliveries.class);

  private final MongoTemplate mongo;
  private final ChannelAdapters adapters;
  private final OutboxRelay relay;
  private final PendingEvent.Factory events;
  private final Clock clock;
  private final MeterRegistry meters;
  private final int maxAttempts;
  private final Duration firstPause;
  private final Duration lease;
  private final String portalUrl;
  private final int batch;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "channel-delivery");
    thread.setDaemon(true);
    return thread;
  });
  /**
   * A round waits to start: the wakes meanwhile (a publish, the 2 s tick) are all served by it, so behind a round
   * that takes minutes on a slow channel there is one more, not one per tick.
   */
  private final AtomicBoolean queued = new AtomicBoolean();

  ChannelDeliveries(MongoTemplate mongo, ChannelAdapters adapters, OutboxRelay relay, PendingEvent.Factory events,
      Clock clock, MeterRegistry meters, @Value("${platform.content.delivery.max-attempts:6}") int maxAttempts,
      @Value("${platform.content.delivery.first-pause:30s}") Duration firstPause,
      @Value("${platform.content.delivery.lease:10m}") Duration lease,
      @Value("${platform.content.portal-url:https://jemberkab.go.id/berita}") String portalUrl,
      @Value("${platform.content.delivery.batch:50}") int batch) {
    this.mongo = mongo;
    this.adapters = adapters;
    this.relay = relay;
    this.events = events;
    this.clock = clock;
    this.meters = meters;
    this.maxAttempts = maxAttempts;
    this.firstPause = firstPause;
    this.lease = checkLease(lease, adapters.longestDelivery());
    this.portalUrl = portalUrl.endsWith("/") ? portalUrl : portalUrl + "/";
    this.batch = batch;
  }

  /**
   * The lease, when it outlasts the longest a delivery can take with the channels' guards: a shorter one lets
   * another replica claim a delivery still running, and post it twice.
   */
  static Duration checkLease(Duration lease, Duration longestDelivery) {
    if (lease.compareTo(longestDelivery) <= 0) {
      throw new IllegalStateException("platform.content.delivery.lease (" + lease + ") must be longer than the "
          + "longest a delivery can take with the channels' guards (" + longestDelivery + ": "
          + "platform.content.channels.resilience, tries x (rate-limiter max-wait + time-limit) + waits between "
          + "tries, for each of up to 4 calls): a shorter lease lets another replica claim a delivery still running, "
          + "and post it twice");
    }
    return lease;
  }

  /** Asks for a round now (an item was just published). */
  void wake() {
    if (!executor.isShutdown() && queued.compareAndSet(false, true)) {
      try {
        executor.execute(this::round);
      } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
        queued.set(false);
      }
    }
  }

  @Scheduled(fixedDelayString = "${platform.content.delivery.interval:2s}")
  void tick() {
    wake();
  }

  void stop() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  @jakarta.annotation.PreDestroy
  void close() throws InterruptedException {
    stop();
  }

  private void round() {
    // from here on, a wake asks for the next round: what it woke for may come after this round's query
    queued.set(false);
    try {
      Instant now = now();
      List<Criteria> due = new ArrayList<>();
      for (Channel channel : Channel.values()) {
        String path = "deliveries." + channel.wireName();
        due.add(new Criteria().orOperator(
            where(path + ".status").in("pending", "retrying").and(path + ".nextAttemptAt").lte(now),
            where(path + ".status").is("delivering").and(path + ".leaseUntil").lte(now)));
      }
      // published items only: a withdrawn item's waiting delivery stays due, and a round that took it only to skip
      // it would take it again every time; enough of them filled every round and nothing else was delivered
      List<ContentDocument> docs = mongo.find(query(new Criteria().andOperator(where("status").is("published"),
          new Criteria().orOperator(due))).limit(batch), ContentDocument.class);
      for (ContentDocument doc : docs) {
        for (Map.Entry<String, DeliveryState> entry : doc.deliveries().entrySet()) {
          DeliveryState state = entry.getValue();
          boolean dueNow = ("pending".equals(state.status()) || "retrying".equals(state.status()))
              && !state.nextAttemptAt().isAfter(now)
              || "delivering".equals(state.status()) && state.leaseUntil() != null && !state.leaseUntil().isAfter(now);
          if (dueNow && doc.isPublic()) {
            deliver(doc, entry.getKey(), state);
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("delivery round failed ({}); the next round tries again", e.toString());
    }
  }

  private void deliver(ContentDocument doc, String channelName, DeliveryState state) {
    String path = "deliveries." + channelName;
    Instant now = now();
    int attempt = state.attempts() + 1;
    // the claim: only the replica whose update matched the state it read calls the channel, and only while the item
    // is published; the post is made of the item as the claim found it, not as the round read it (a round's items
    // wait their turn behind slow channels, and an editor may have withdrawn or corrected one meanwhile)
    ContentDocument claimed = mongo.findAndModify(query(where("_id").is(doc.id()).and("status").is("published")
            .and(path + ".attempts").is(state.attempts()).and(path + ".status").is(state.status())
            .and(path + ".edition").is(state.edition())),
        new Update().set(path + ".status", "delivering").set(path + ".leaseUntil", now.plus(lease))
            .set(path + ".attempts", attempt).set(path + ".updatedAt", now),
        org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true), ContentDocument.class);
    if (claimed == null) {
      return;
    }
    doc = claimed;
    Channel channel = Channel.of(channelName).orElseThrow();
    Update outcome;
    // a post made is recorded also over an editor's cancelling meanwhile (the channel has it, and a channel added
    // back must know); a failure leaves a cancelled delivery cancelled
    List<String> over;
    try {
      // whether it was tried before, as the claim found it: the round's state may be minutes old, from before
      // another replica's attempt and an editor's retry, which leaves the attempts at 0 but keeps the last reason
      DeliveryState found = claimed.deliveries().get(channelName);
      Delivery delivery = deliver(channel, post(doc, triedSince(doc, state.attempts(),
          found == null ? state.lastReason() : found.lastReason(), state.edition())));
      over = List.of("delivering", "cancelled");
      Instant at = now();
      outcome = new Update().set(path, new DeliveryState(state.edition(), "delivered", attempt, null, null,
              delivery.externalId(), delivery.url() == null ? null : delivery.url().toString(), null, at))
          .push("outbox", events.create(EventType.CHANNEL_DELIVERY_SUCCEEDED, doc.id(), doc.id(),
              new ChannelDeliverySucceeded(doc.id(), state.edition(), channelName, delivery.externalId(), attempt, at)));
      meters.counter("content.deliveries", "channel", channelName, "outcome", "delivered").increment();
    } catch (DeliveryFailure failure) {
      over = List.of("delivering");
      Instant at = now();
      boolean again = failure.retryable() && attempt < maxAttempts;
      Instant next = again ? at.plus(pause(attempt, failure.retryAfter())) : null;
      outcome = new Update().set(path, new DeliveryState(state.edition(), again ? "retrying" : "failed", attempt, next,
              null, null, null, failure.reason(), at))
          .push("outbox", events.create(EventType.CHANNEL_DELIVERY_FAILED, doc.id(), doc.id(),
              new ChannelDeliveryFailed(doc.id(), state.edition(), channelName, attempt, failure.reason(), next, at)));
      meters.counter("content.deliveries", "channel", channelName, "outcome", again ? "retrying" : "failed")
          .increment();
      log.warn("delivery of item {} edition {} to {} failed on attempt {} ({}){}", doc.id(), state.edition(),
          channelName, attempt, failure.reason(), again ? "; tried again at " + next : "; an editor has to retry it");
    }
    // the edition too: another replica may have claimed a newer edition's delivery with the same attempt count
    mongo.updateFirst(query(where("_id").is(doc.id()).and(path + ".status").in(over)
        .and(path + ".attempts").is(attempt).and(path + ".edition").is(state.edition())), outcome,
        ContentDocument.class);
    relay.wake(ContentDocument.COLLECTION, doc.id());
  }

  /** The adapter's delivery; anything it throws that is not a delivery failure counts as the channel unavailable. */
  private Delivery deliver(Channel channel, Post post) {
    try {
      return adapters.get(channel).deliver(post);
    } catch (RuntimeException thrown) {
      throw thrown instanceof DeliveryFailure failure ? failure : new DeliveryFailure(DeliveryFailure.UNAVAILABLE,
          channel.wireName() + ": the delivery failed (" + thrown.getClass().getSimpleName() + ")", null, thrown);
    }
  }

  /** The longest a channel's Retry-After is waited out: beyond it, a wrong or hostile answer. */
  static final Duration MAX_PAUSE = Duration.ofDays(1);

  /** 30 s, 1 min, 2 min … capped at an hour; never earlier than the channel asked, nor later than a day. */
  Duration pause(int attempt, Duration retryAfter) {
    return pause(firstPause, attempt, retryAfter);
  }

  static Duration pause(Duration firstPause, int attempt, Duration retryAfter) {
    Duration backoff = firstPause.multipliedBy(1L << Math.min(attempt - 1, 10));
    if (backoff.compareTo(Duration.ofHours(1)) > 0) {
      backoff = Duration.ofHours(1);
    }
    Duration asked = retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    return asked.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : asked;
  }

  /** An editor sends a failed (or waiting) delivery again now, with a fresh count of attempts. */
  ContentDocument retry(Caller caller, ContentDocument doc, String channelName) {
    caller.require(Caller.PUBLISH);
    DeliveryState state = doc.deliveries().get(channelName);
    if (state == null) {
      throw new NotFoundException("This item has no delivery to that channel.");
    }
    if (!doc.isPublic() || !("failed".equals(state.status()) || "retrying".equals(state.status()))) {
      throw new ProblemException(PublishingWorkflow.WRONG_STATE,
          "Only a failed or waiting delivery of a published item can be retried; this one is " + state.status() + ".",
          Map.of("deliveryStatus", state.status()));
    }
    String path = "deliveries." + channelName;
    Instant now = now();
    ContentDocument updated = mongo.findAndModify(query(where("_id").is(doc.id()).and(path + ".status")
            .is(state.status()).and(path + ".attempts").is(state.attempts())),
        new Update().set(path + ".status", "pending").set(path + ".attempts", 0).set(path + ".nextAttemptAt", now)
            .set(path + ".updatedAt", now).inc("version", 1),
        org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true), ContentDocument.class);
    if (updated == null) {
      throw new ProblemException(id.go.jemberkab.platform.problems.Problems.PRECONDITION_FAILED,
          "The delivery changed meanwhile; read the item again.");
    }
    wake();
    return updated;
  }

  private Post post(ContentDocument doc, Instant triedSince) {
    return new Post(doc.id(), doc.edition(), doc.slug(), doc.title().id(), doc.summary().id(),
        URI.create(portalUrl + doc.slug()), doc.tags(), doc.media().stream()
            .map(m -> new Post.Media(URI.create(m.url()), m.type(), m.altText())).toList(), triedSince);
  }

  /**
   * When this edition's delivery was tried before (an attempt that failed, timed out, or whose process died
   * holding the lease, also before an editor's retry), the moment its edition was published: the channel may have
   * the post from then on. {@code null} on a first attempt.
   */
  private static Instant triedSince(ContentDocument doc, int attemptsBefore, String lastReason, int edition) {
    if (attemptsBefore == 0 && lastReason == null) {
      return null;
    }
    return doc.history().stream().filter(h -> h.edition() == edition).map(ContentDocument.HistoryEntry::at)
        .findFirst().orElse(doc.publishedAt());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
