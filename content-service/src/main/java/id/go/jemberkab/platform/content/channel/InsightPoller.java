package id.go.jemberkab.platform.content.channel;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.contracts.content.ChannelFollowersMeasured;
import id.go.jemberkab.platform.contracts.content.ChannelPostMeasured;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks every channel on a schedule how many follow the regency's account, and how each post delivered there in
 * the last {@code platform.content.insights.post-days} is doing; publishes each answer as a
 * {@code ChannelFollowersMeasured} snapshot (key: the channel) or a {@code ChannelPostMeasured} one (key: the
 * content id). A snapshot is a measurement, not a change anyone acknowledged: when the channel or Kafka fails,
 * that figure is skipped and the next round measures again.
 */
@Component
class InsightPoller {

  private static final Logger log = LoggerFactory.getLogger(InsightPoller.class);
  private static final URI SOURCE = URI.create("urn:id.go.jemberkab:content-service");
  /** The items' collection (publishing's {@code ContentDocument}). */
  private static final String CONTENT_ITEMS = "content_items";

  private final ChannelAdapters adapters;
  private final KafkaOperations<String, byte[]> kafka;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final EventSchemas schemas = EventSchemas.load();
  private final MongoOperations mongo;
  private final Duration postDays;
  private final int postsPerRound;
  private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor(
      r -> {
        Thread thread = new Thread(r, "insight-poller");
        thread.setDaemon(true);
        return thread;
      });
  private final java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean();
  /** One document, {@code _id} "round": until when the replica that took the last round holds it. */
  static final String ROUNDS = "insight_rounds";
  private final Duration lease;

  InsightPoller(ChannelAdapters adapters, KafkaOperations<String, byte[]> kafka, JsonMapper json, Clock clock,
      MeterRegistry meters, MongoOperations mongo,
      @Value("${platform.content.insights.post-days:30d}") Duration postDays,
      @Value("${platform.content.insights.posts-per-round:200}") int postsPerRound,
      @Value("${platform.content.insights.interval:15m}") Duration interval) {
    // a little shorter than the interval: the replica whose tick comes first after it takes the next round
    this.lease = interval.multipliedBy(9).dividedBy(10);
    this.mongo = mongo;
    this.postDays = postDays;
    this.postsPerRound = postsPerRound;
    this.adapters = adapters;
    this.kafka = kafka;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Hands a round to the poller's own thread, unless one is still running. Every fixed-delay task of the service
   * shares one scheduler thread (also with virtual threads); a round there (hundreds of rate-limited calls, each up
   * to its time limit) held scheduled publishing and delivery retries up for minutes.
   */
  @Scheduled(initialDelayString = "${platform.content.insights.initial-delay:20s}",
      fixedDelayString = "${platform.content.insights.interval:15m}")
  void tick() {
    if (polling.compareAndSet(false, true)) {
      if (!takeRound()) {
        polling.set(false);
        return;
      }
      try {
        executor.execute(() -> {
          try {
            poll();
          } finally {
            polling.set(false);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        polling.set(false);
      }
    }
  }

  /**
   * Whether this replica takes the round: one replica in an interval asks the channels, in one compare-and-set on
   * the round's lease. Every replica polling (Kubernetes runs two) doubled the calls against Meta's and YouTube's
   * quotas and put every snapshot on the topic twice. When MongoDB cannot say, the round is taken: a snapshot twice
   * is better than none.
   */
  boolean takeRound() {
    java.util.Date now = java.util.Date.from(clock.instant());
    try {
      mongo.upsert(Query.query(Criteria.where("_id").is("round").and("until").lte(now)),
          new org.springframework.data.mongodb.core.query.Update().set("until",
              java.util.Date.from(now.toInstant().plus(lease))), ROUNDS);
      return true;
    } catch (org.springframework.dao.DuplicateKeyException taken) {
      return false; // another replica holds the round
    } catch (org.springframework.dao.DataAccessException unknown) {
      log.warn("could not take the insight round's lease ({}); polling anyway", unknown.getClass().getSimpleName());
      return true;
    }
  }

  /** A round is running on the poller's thread. */
  boolean polling() {
    return polling.get();
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    executor.shutdownNow();
  }

  void poll() {
    for (ChannelAdapter adapter : adapters.all()) {
      String channel = adapter.channel().wireName();
      try {
        Optional<FollowerCount> count = adapter.followers();
        if (count.isPresent()) {
          publish(channel, count.get());
          meters.counter("content.insights.polls", "channel", channel, "outcome", "measured").increment();
        }
      } catch (DeliveryFailure failure) {
        meters.counter("content.insights.polls", "channel", channel, "outcome", failure.reason()).increment();
        log.warn("followers of {} not measured this round ({})", channel, failure.reason());
      } catch (Exception e) {
        meters.counter("content.insights.polls", "channel", channel, "outcome", "unpublished").increment();
        log.warn("followers of {} measured but not published this round ({})", channel, e.toString());
      }
      if (adapter.measuresPosts()) {
        posts(adapter);
      }
    }
  }

  /** The channel's posts delivered within {@link #postDays}, most recent first, at most {@link #postsPerRound}. */
  private void posts(ChannelAdapter adapter) {
    String channel = adapter.channel().wireName();
    String delivery = "deliveries." + channel;
    Query recent = Query.query(Criteria.where(delivery + ".status").is("delivered")
            .and(delivery + ".updatedAt").gte(clock.instant().minus(postDays)))
        .with(Sort.by(Sort.Direction.DESC, delivery + ".updatedAt")).limit(postsPerRound);
    recent.fields().include(delivery + ".externalId");
    int asked = 0;
    int gone = 0;
    for (Document item : mongo.find(recent, Document.class, CONTENT_ITEMS)) {
      Object state = item.get("deliveries") instanceof Document deliveries ? deliveries.get(channel) : null;
      String externalId = state instanceof Document d ? d.getString("externalId") : null;
      if (externalId == null) {
        continue;
      }
      String outcome;
      try {
        Optional<PostInsights> insights = adapter.post(externalId);
        asked++;
        if (insights.isEmpty()) {
          outcome = "gone"; // deleted or hidden on the channel: nothing to measure, and not a failure
          gone++;
        } else {
          publish(String.valueOf(item.get("_id")), channel, externalId, insights.get());
          outcome = "measured";
        }
      } catch (DeliveryFailure failure) {
        outcome = failure.reason();
        log.warn("post {} on {} not measured this round ({})", externalId, channel, failure.reason());
      } catch (Exception e) {
        outcome = "unpublished";
        log.warn("post {} on {} measured but not published this round ({})", externalId, channel, e.toString());
      }
      meters.counter("content.insights.posts", "channel", channel, "outcome", outcome).increment();
    }
    if (asked >= 3 && gone == asked) {
      // Meta answers "does not exist, or cannot be loaded due to missing permissions" alike: every post gone at
      // once is more likely a token that lost a permission than a page emptied
      log.warn("all {} recent posts on {} answered as gone: check that the channel's token still reads its posts "
          + "(docs/channel-adapters.md)", asked, channel);
    }
  }

  private void publish(String contentId, String channel, String externalId, PostInsights insights) throws Exception {
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    send(EventType.CHANNEL_POST_MEASURED, contentId, new ChannelPostMeasured(contentId, channel, externalId,
        insights.views(), insights.reach(), insights.reactions(), insights.comments(), insights.shares(), at), at);
  }

  private void publish(String channel, FollowerCount count) throws Exception {
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    send(EventType.CHANNEL_FOLLOWERS_MEASURED, channel,
        new ChannelFollowersMeasured(channel, count.metric(), count.followers(), at), at);
  }

  /** A snapshot, checked against its schema, on its topic once the broker has it. */
  private void send(EventType type, String key, Object data, Instant at) throws Exception {
    byte[] bytes = json.writeValueAsBytes(data);
    List<String> violations = schemas.violations(type, bytes);
    if (!violations.isEmpty()) {
      throw new IllegalStateException(type.type() + " breaks its schema: " + violations);
    }
    CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), SOURCE, type.type(), key,
        at.atOffset(ZoneOffset.UTC), CloudEvent.JSON, bytes);
    kafka.send(CloudEventHeaders.toRecord(type.topic().name(), key, event)).get(15, TimeUnit.SECONDS);
  }
}
