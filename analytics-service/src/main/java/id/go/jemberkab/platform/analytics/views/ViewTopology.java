package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.TopicSpec;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.contracts.analytics.ChannelFollowers;
import id.go.jemberkab.platform.contracts.analytics.PostPerformance;
import id.go.jemberkab.platform.contracts.analytics.RegionRegistrations;
import id.go.jemberkab.platform.contracts.analytics.ServiceRequestStats;
import id.go.jemberkab.platform.contracts.content.ChannelFollowersMeasured;
import id.go.jemberkab.platform.contracts.content.ChannelPostMeasured;
import id.go.jemberkab.platform.contracts.content.EngagementRecorded;
import id.go.jemberkab.platform.contracts.registration.RegistrationConfirmed;
import id.go.jemberkab.platform.contracts.registration.RegistrationWaitlisted;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Every analytics view as one Kafka Streams topology. Sources are the platform's event topics; each view
 * writes the latest value of its rows to {@code analytics.<view>.v1} as CloudEvents. Run with
 * {@code processing.guarantee=exactly_once_v2}, a row is updated once per input event, even across
 * restarts.
 */
final class ViewTopology {

  /** The engagement windows: label and size. */
  enum Window {
    MINUTE("1m", Duration.ofMinutes(1)), HOUR("1h", Duration.ofHours(1)), DAY("1d", Duration.ofDays(1));

    final String label;
    final Duration size;

    Window(String label, Duration size) {
      this.label = label;
      this.size = size;
    }
  }

  /**
   * @param grace how late an engagement event may arrive and still count in its window
   * @param k small-cell threshold: breakdowns by kecamatan or desa hide counts below it
   * @param dedupRetention how long engagement event ids are remembered to drop redeliveries
   */
  record Settings(Duration grace, int k, Duration dedupRetention) {
  }

  static final String ENGAGEMENT_IDS = "engagement-event-ids";
  static final String FUNNEL_STAGES = "funnel-stages";
  private static final URI SOURCE = URI.create("urn:id.go.jemberkab:analytics-service");

  /** The header naming the generation that wrote a view row; the read model keeps the current one's only. */
  static final String GENERATION_HEADER = "ce_viewgeneration";

  private final Settings settings;
  private final EventSchemas schemas;
  private final ViewMetrics metrics;
  private final long generation;

  /** @param generation written on every row, so the read model can tell a replay's rows from older ones */
  ViewTopology(Settings settings, EventSchemas schemas, ViewMetrics metrics, long generation) {
    this.settings = settings;
    this.schemas = schemas;
    this.metrics = metrics;
    this.generation = generation;
  }

  Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, Event> engagement = read(builder, Topics.CONTENT_ENGAGEMENT);
    KStream<String, EngagementRecorded> recorded = engagementOnce(builder, engagement);
    engagementWindows(builder, recorded);
    followers(engagement);
    serviceRequests(builder, read(builder, Topics.CITIZEN_SERVICE_REQUESTS));
    funnel(builder, read(builder, Topics.CITIZEN_REGISTRATIONS), recorded);
    registrations(read(builder, Topics.CITIZEN_REGISTRY));
    contentCards(read(builder, Topics.CONTENT_ITEMS));
    // last: the views above name their stores by position, and a view added before them would rename those
    posts(engagement);
    return builder.build();
  }

  /** The events of one topic; poison goes to its dead-letter twin with the original key and bytes. */
  private KStream<String, Event> read(StreamsBuilder builder, TopicSpec topic) {
    String name = topic.name();
    KStream<String, Event> events = builder.stream(name, Consumed.with(Serdes.String(), Serdes.ByteArray())
            .withName("read-" + name))
        .processValues(() -> new ReadEvents(schemas, metrics), Named.as("parse-" + name));
    events.filter((k, e) -> e.poison() != null, Named.as("poison-" + name))
        .mapValues(Event::data, Named.as("original-" + name))
        .to(topic.deadLetter().name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
    return events.filter((k, e) -> e.poison() == null, Named.as("readable-" + name));
  }

  /** Engagement events once each (a redelivered event id is dropped), timed by when they happened. */
  private KStream<String, EngagementRecorded> engagementOnce(StreamsBuilder builder, KStream<String, Event> events) {
    Duration retention = settings.dedupRetention();
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(ENGAGEMENT_IDS, retention, retention, false), Serdes.String(), Serdes.Long()));
    return events.filter((k, e) -> e.is(EventType.ENGAGEMENT_RECORDED))
        .processValues(() -> new FixedKeyProcessor<String, Event, EngagementRecorded>() {
          private FixedKeyProcessorContext<String, EngagementRecorded> context;
          private WindowStore<String, Long> seen;

          @Override
          public void init(FixedKeyProcessorContext<String, EngagementRecorded> context) {
            this.context = context;
            this.seen = context.getStateStore(ENGAGEMENT_IDS);
          }

          @Override
          public void process(FixedKeyRecord<String, Event> record) {
            long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
            String id = record.value().id();
            try (var earlier = seen.fetch(id, now - retention.toMillis(), now)) {
              if (earlier.hasNext()) {
                metrics.duplicate(Topics.CONTENT_ENGAGEMENT.name());
                return;
              }
            }
            seen.put(id, 1L, now);
            EngagementRecorded e = record.value().as(EngagementRecorded.class);
            metrics.engagement(e.channel(), e.action());
            context.forward(record.withValue(e).withTimestamp(e.occurredAt().toEpochMilli()));
          }
        }, Named.as("engagement-once"), ENGAGEMENT_IDS);
  }

  private void engagementWindows(StreamsBuilder builder, KStream<String, EngagementRecorded> recorded) {
    Duration longest = Window.DAY.size.plus(settings.grace());
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(FirstVisits.STORE, longest, Window.DAY.size, false), Serdes.String(),
        Serdes.Boolean()));
    KGroupedStream<String, FirstVisits.Scoped> byScope = recorded
        .flatMap((k, e) -> {
          List<KeyValue<String, EngagementRecorded>> scopes = new ArrayList<>(2);
          if (e.contentId() != null) {
            scopes.add(KeyValue.pair("content|" + e.contentId(), e));
          }
          scopes.add(KeyValue.pair("channel|" + e.channel(), e));
          return scopes;
        }, Named.as("engagement-scopes"))
        .repartition(Repartitioned.<String, EngagementRecorded>as("engagement-by-scope")
            .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(EngagementRecorded.class)))
        .processValues(FirstVisits::new, Named.as("engagement-first-visits"), FirstVisits.STORE)
        .groupByKey(Grouped.with(Serdes.String(), JsonSerde.of(FirstVisits.Scoped.class)));
    for (Window window : Window.values()) {
      byScope.windowedBy(TimeWindows.ofSizeAndGrace(window.size, settings.grace()))
          .aggregate(EngagementCounts::new, (k, s, counts) -> counts.add(s.event(), s.newIn(window)),
              Named.as("engagement-" + window.label),
              Materialized.<String, EngagementCounts, WindowStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(
                  "engagement-" + window.label).withKeySerde(Serdes.String())
                  .withValueSerde(JsonSerde.of(EngagementCounts.class)))
          .toStream(Named.as("engagement-" + window.label + "-updates"))
          .map((w, counts) -> {
            String[] scope = w.key().split("\\|", 2);
            Instant start = w.window().startTime();
            return KeyValue.pair(String.join("|", scope[0], scope[1], window.label,
                    start.atOffset(ZoneOffset.UTC).toString()),
                counts.toWindow(scope[0], scope[1], window.label, start, w.window().endTime()));
          }, Named.as("engagement-" + window.label + "-rows"))
          .processValues(() -> new Publish<>(generation, EventType.ENGAGEMENT_WINDOW),
              Named.as("engagement-" + window.label + "-publish"))
          .to(Topics.ANALYTICS_ENGAGEMENT.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
    }
  }

  /** One row per channel and day (Asia/Jakarta): the day's last measurement and the one before it. */
  private void followers(KStream<String, Event> engagement) {
    engagement.filter((k, e) -> e.is(EventType.CHANNEL_FOLLOWERS_MEASURED))
        .map((k, e) -> {
          ChannelFollowersMeasured m = e.as(ChannelFollowersMeasured.class);
          LocalDate day = m.measuredAt().atZone(RequestState.JAKARTA).toLocalDate();
          return KeyValue.pair(m.channel() + "|" + day, new ChannelFollowers(m.channel(), day, m.metric(),
              m.followers(), null, m.measuredAt()));
        }, Named.as("followers-by-channel-day"))
        .groupByKey(Grouped.with("followers-by-channel", Serdes.String(), JsonSerde.of(ChannelFollowers.class)))
        .reduce((latest, next) -> next.measuredAt().isAfter(latest.measuredAt())
                ? new ChannelFollowers(next.channel(), next.day(), next.metric(), next.followers(), latest.followers(),
                    next.measuredAt())
                : latest, Named.as("followers-latest"),
            Materialized.with(Serdes.String(), JsonSerde.of(ChannelFollowers.class)))
        .toStream(Named.as("followers-updates"))
        .processValues(() -> new Publish<>(generation, EventType.CHANNEL_FOLLOWERS), Named.as("followers-publish"))
        .to(Topics.ANALYTICS_FOLLOWERS.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
  }

  /**
   * One row per content item and channel: the latest snapshot of its post's figures (a late snapshot does not
   * replace a newer one), with engagements and the engagement rate, and when the post was first measured.
   */
  private void posts(KStream<String, Event> engagement) {
    engagement.filter((k, e) -> e.is(EventType.CHANNEL_POST_MEASURED), Named.as("post-measurements"))
        .map((k, e) -> {
          ChannelPostMeasured m = e.as(ChannelPostMeasured.class);
          return KeyValue.pair(m.contentId() + "|" + m.channel(), performance(m, m.measuredAt()));
        }, Named.as("posts-by-content-channel"))
        .groupByKey(Grouped.with("posts-by-content-channel", Serdes.String(), JsonSerde.of(PostPerformance.class)))
        .reduce((latest, next) -> {
          PostPerformance newer = next.measuredAt().isAfter(latest.measuredAt()) ? next : latest;
          Instant first = latest.firstMeasuredAt().isBefore(next.firstMeasuredAt()) ? latest.firstMeasuredAt()
              : next.firstMeasuredAt();
          return new PostPerformance(newer.contentId(), newer.channel(), newer.externalId(), newer.views(),
              newer.reach(), newer.reactions(), newer.comments(), newer.shares(), newer.engagements(),
              newer.engagementRate(), first, newer.measuredAt());
        }, Named.as("posts-latest"), Materialized.<String, PostPerformance, KeyValueStore<org.apache.kafka.common.utils.Bytes,
            byte[]>>as("posts-latest").withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(PostPerformance.class)))
        .toStream(Named.as("posts-updates"))
        .processValues(() -> new Publish<>(generation, EventType.POST_PERFORMANCE), Named.as("posts-publish"))
        .to(Topics.ANALYTICS_POSTS.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
  }

  /** A snapshot as a row: reactions, comments and shares add up to engagements, and per account reached. */
  static PostPerformance performance(ChannelPostMeasured m, Instant firstMeasuredAt) {
    Long engagements = m.reactions() == null && m.comments() == null && m.shares() == null ? null
        : zero(m.reactions()) + zero(m.comments()) + zero(m.shares());
    Double rate = engagements == null || m.reach() == null || m.reach() == 0 ? null
        : Math.round(engagements * 10_000.0 / m.reach()) / 10_000.0;
    return new PostPerformance(m.contentId(), m.channel(), m.externalId(), m.views(), m.reach(), m.reactions(),
        m.comments(), m.shares(), engagements, rate, firstMeasuredAt, m.measuredAt());
  }

  private static long zero(Long count) {
    return count == null ? 0 : count;
  }

  /**
   * A hidden row is published when it becomes hidden, not again on each change behind it: the row of a kecamatan
   * with one request changed with every step of that request, and beside the OPD and service rows changing in the
   * same instant it told whose request it was and when it was resolved.
   */
  static final String HIDDEN_ROWS = "service-requests-hidden-rows";

  private void serviceRequests(StreamsBuilder builder, KStream<String, Event> events) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HIDDEN_ROWS),
        Serdes.String(), Serdes.Boolean()));
    KTable<String, RequestState> requests = events
        .filter((k, e) -> e.is(EventType.SERVICE_REQUEST_SUBMITTED, EventType.SERVICE_REQUEST_STATUS_CHANGED,
            EventType.SERVICE_REQUEST_OVERDUE), Named.as("service-request-events"))
        .groupByKey(Grouped.with("service-requests", Serdes.String(), JsonSerde.of(Event.class)))
        .aggregate(RequestState::new, (id, e, state) -> JsonSerde.copy(state).apply(e), Named.as("service-request-states"),
            Materialized.with(Serdes.String(), JsonSerde.of(RequestState.class)));
    for (String dimension : List.of("service", "opd", "kecamatan")) {
      for (boolean weekly : List.of(true, false)) {
        String name = "service-requests-" + dimension + (weekly ? "-weekly" : "-all");
        requests.groupBy((id, r) -> KeyValue.pair(r.key(dimension) + "|" + (weekly ? r.week() : "all"), r),
                Grouped.with(name, Serdes.String(), JsonSerde.of(RequestState.class)))
            .aggregate(RequestGroup::new, (k, r, group) -> group.add(r), (k, r, group) -> group.remove(r),
                Named.as(name + "-stats"), Materialized.with(Serdes.String(), JsonSerde.of(RequestGroup.class)))
            .toStream(Named.as(name + "-updates"))
            .filter((k, group) -> group != null, Named.as(name + "-rows"))
            .map((k, group) -> {
              String[] parts = k.split("\\|", 2);
              return KeyValue.pair(dimension + "|" + k, group.toStats(dimension, parts[0], parts[1], settings.k()));
            }, Named.as(name + "-keys"))
            .processValues(HiddenOnce::new, Named.as(name + "-hidden-once"), HIDDEN_ROWS)
            .processValues(() -> new Publish<>(generation, EventType.SERVICE_REQUEST_STATS), Named.as(name + "-publish"))
            .to(Topics.ANALYTICS_SERVICE_REQUESTS.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
      }
    }
  }

  private void funnel(StreamsBuilder builder, KStream<String, Event> registrations,
      KStream<String, EngagementRecorded> recorded) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FUNNEL_STAGES),
        Serdes.String(), Serdes.Long()));
    KStream<String, FunnelCounts.Stage> stages = registrations
        .processValues(() -> new FixedKeyProcessor<String, Event, FunnelCounts.Stage>() {
          private FixedKeyProcessorContext<String, FunnelCounts.Stage> context;
          private KeyValueStore<String, Long> reached;

          @Override
          public void init(FixedKeyProcessorContext<String, FunnelCounts.Stage> context) {
            this.context = context;
            this.reached = context.getStateStore(FUNNEL_STAGES);
          }

          @Override
          public void process(FixedKeyRecord<String, Event> record) {
            Event e = record.value();
            var data = JsonSerde.JSON.readTree(e.data());
            String registration = data.path("registrationId").asString();
            int capacity = data.path("capacity").asInt(0);
            List<String> reachedNow = switch (e.type()) {
              case REGISTRATION_CONFIRMED -> e.as(RegistrationConfirmed.class).fromWaitlist()
                  ? List.of("confirmed", "promoted") : List.of("registered", "confirmed");
              case REGISTRATION_WAITLISTED -> List.of("registered", "waitlisted");
              case SEAT_OFFERED -> List.of("offered");
              case REGISTRATION_CANCELLED -> List.of("cancelled");
              case ATTENDEE_CHECKED_IN -> List.of("checked-in");
              default -> List.of();
            };
            for (String stage : reachedNow) {
              String key = record.key() + "|" + registration + "|" + stage;
              if (reached.putIfAbsent(key, record.timestamp()) == null) {
                context.forward(record.withValue(new FunnelCounts.Stage(stage, capacity)));
              }
            }
          }
        }, Named.as("funnel-stages"), FUNNEL_STAGES);
    KStream<String, FunnelCounts.Stage> overflowViews = recorded
        .filter((k, e) -> e.eventId() != null && "view".equals(e.action()), Named.as("overflow-views"))
        .map((k, e) -> KeyValue.pair(e.eventId(), new FunnelCounts.Stage("overflow-view", 0)),
            Named.as("overflow-views-by-event"));
    stages.merge(overflowViews, Named.as("funnel-merge"))
        .groupByKey(Grouped.with("funnel-by-event", Serdes.String(), JsonSerde.of(FunnelCounts.Stage.class)))
        .aggregate(FunnelCounts::new, (eventId, stage, counts) -> counts.add(stage), Named.as("funnel-counts"),
            Materialized.with(Serdes.String(), JsonSerde.of(FunnelCounts.class)))
        .toStream(Named.as("funnel-updates"))
        .mapValues((eventId, counts) -> counts.toFunnel(eventId), Named.as("funnel-rows"))
        .processValues(() -> new Publish<>(generation, EventType.REGISTRATION_FUNNEL), Named.as("funnel-publish"))
        .to(Topics.ANALYTICS_REGISTRATION_FUNNEL.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
  }

  /**
   * The names of the content items, for top content: latest edition, published or not. The delivery events
   * on the same topic say nothing about the names and pass by.
   */
  private void contentCards(KStream<String, Event> items) {
    items.filter((k, e) -> e.is(EventType.CONTENT_PUBLISHED, EventType.CONTENT_UPDATED, EventType.CONTENT_UNPUBLISHED),
            Named.as("content-events"))
        .groupByKey(Grouped.with("content-items", Serdes.String(), JsonSerde.of(Event.class)))
        .aggregate(CardState::new, (id, e, card) -> card.apply(e), Named.as("content-states"),
            // the name it was given by position before the views were named: a store renamed starts empty
            Materialized.<String, CardState, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(
                "KSTREAM-AGGREGATE-STATE-STORE-0000000140").withKeySerde(Serdes.String())
                .withValueSerde(JsonSerde.of(CardState.class)))
        .toStream(Named.as("content-updates"))
        .filter((id, card) -> card.known(), Named.as("content-known"))
        .mapValues(CardState::toCard, Named.as("content-cards"))
        .processValues(() -> new Publish<>(generation, EventType.CONTENT_CARD), Named.as("content-publish"))
        .to(Topics.ANALYTICS_CONTENT.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
  }

  private void registrations(KStream<String, Event> registry) {
    KTable<String, Residence> registered = registry
        .filter((k, e) -> e.is(EventType.CITIZEN_REGISTERED, EventType.CITIZEN_UPDATED, EventType.CITIZEN_ERASED),
            Named.as("residence-events"))
        .groupByKey(Grouped.with("residences", Serdes.String(), JsonSerde.of(Event.class)))
        .aggregate(Residence::new, (ref, e, residence) -> JsonSerde.copy(residence).apply(e), Named.as("residence-states"),
            Materialized.with(Serdes.String(), JsonSerde.of(Residence.class)))
        .filter((ref, residence) -> residence.registered(), Named.as("registered-residents"));
    String level = "kecamatan";
    registered.groupBy((ref, r) -> KeyValue.pair(r.kecamatanCode, r),
            Grouped.with("residents-by-" + level, Serdes.String(), JsonSerde.of(Residence.class)))
        .count(Named.as("residents-per-" + level), Materialized.with(Serdes.String(), Serdes.Long()))
        .toStream(Named.as("residents-per-" + level + "-updates"))
        .map((code, count) -> KeyValue.pair(level + "|" + code, count == null || count < settings.k()
            ? new RegionRegistrations(level, code, null, true)
            : new RegionRegistrations(level, code, count, false)), Named.as("residents-per-" + level + "-rows"))
        .processValues(() -> new Publish<>(generation, EventType.REGION_REGISTRATIONS),
            Named.as("residents-per-" + level + "-publish"))
        .to(Topics.ANALYTICS_CITIZEN_REGISTRATIONS.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
    // the desa of a kecamatan together, so that they are suppressed together: its count is published above
    registered.groupBy((ref, r) -> KeyValue.pair(r.kecamatanCode, r.desaCode),
            Grouped.with("desa-by-kecamatan", Serdes.String(), Serdes.String()))
        .aggregate(DesaCounts::new, (kecamatan, desa, counts) -> JsonSerde.copy(counts).add(desa),
            (kecamatan, desa, counts) -> JsonSerde.copy(counts).remove(desa), Named.as("desa-per-kecamatan"),
            Materialized.<String, DesaCounts, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(
                "desa-per-kecamatan").withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(DesaCounts.class)))
        .toStream(Named.as("desa-per-kecamatan-updates"))
        .flatMap((kecamatan, counts) -> counts == null ? List.<KeyValue<String, RegionRegistrations>>of()
            : counts.rows(settings.k()).stream().map(row -> KeyValue.pair("desa|" + row.code(), row)).toList(),
            Named.as("residents-per-desa-rows"))
        .processValues(() -> new Publish<>(generation, EventType.REGION_REGISTRATIONS),
            Named.as("residents-per-desa-publish"))
        .to(Topics.ANALYTICS_CITIZEN_REGISTRATIONS.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
  }

  /**
   * A view row as a CloudEvent: the data as JSON, fresh {@code ce_*} headers (the input's do not carry
   * over), subject = the row key.
   */
  /** Passes a hidden row only when its row was not hidden already ({@link #HIDDEN_ROWS}). */
  static final class HiddenOnce implements FixedKeyProcessor<String, ServiceRequestStats, ServiceRequestStats> {

    private FixedKeyProcessorContext<String, ServiceRequestStats> context;
    private KeyValueStore<String, Boolean> hidden;

    @Override
    public void init(FixedKeyProcessorContext<String, ServiceRequestStats> context) {
      this.context = context;
      this.hidden = context.getStateStore(HIDDEN_ROWS);
    }

    @Override
    public void process(FixedKeyRecord<String, ServiceRequestStats> record) {
      boolean now = record.value().suppressed();
      if (now && Boolean.TRUE.equals(hidden.get(record.key()))) {
        return;
      }
      if (now) {
        hidden.put(record.key(), true);
      } else if (hidden.get(record.key()) != null) {
        hidden.delete(record.key());
      }
      context.forward(record);
    }
  }

  static final class Publish<V> implements FixedKeyProcessor<String, V, byte[]> {

    private final byte[] generation;
    private final EventType type;
    private FixedKeyProcessorContext<String, byte[]> context;

    Publish(long generation, EventType type) {
      this.generation = Long.toString(generation).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      this.type = type;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
      byte[] data = JsonSerde.JSON.writeValueAsBytes(record.value());
      RecordHeaders headers = new RecordHeaders();
      CloudEventHeaders.write(new CloudEvent(UUID.randomUUID().toString(), SOURCE, type.type(), record.key(),
          Instant.now().atOffset(ZoneOffset.UTC), CloudEvent.JSON, data), headers);
      headers.add(GENERATION_HEADER, generation);
      context.forward(record.withValue(data).withHeaders(headers));
    }
  }
}
