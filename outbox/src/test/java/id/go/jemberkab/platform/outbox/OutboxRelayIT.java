package id.go.jemberkab.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.localstack.KafkaBroker;
import id.go.jemberkab.platform.localstack.MongoStore;
import id.go.jemberkab.platform.testsupport.Backbone;
import id.go.jemberkab.platform.testsupport.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The relay keeps its work when a step fails: Kafka or MongoDB away, or a pending event it cannot read. Against a
 * broker and a file-backed store of the test's own, both stopped and started again at the same address.
 */
class OutboxRelayIT {

  private static final String TOPIC = EventType.CITIZEN_REGISTERED.topic().name();

  @TempDir
  static Path dir;
  private static KafkaBroker broker;
  private static int mongoPort;
  private static MongoStore store;

  private MongoClient client;
  private MongoTemplate mongo;
  private DefaultKafkaProducerFactory<String, byte[]> producers;
  private SimpleMeterRegistry meters;
  private OutboxRelay relay;
  private String collection;

  @BeforeAll
  static void backbone() {
    broker = Backbone.privateBroker();
    mongoPort = Backbone.freePort();
    store = new MongoStore("127.0.0.1", mongoPort, dir.resolve("store.mv.db")).start();
  }

  @AfterAll
  static void stopBackbone() {
    broker.stop();
    store.stop();
  }

  @BeforeEach
  void relay() {
    // a store that is away is noticed in a second, not after the driver's default half minute
    client = MongoClients.create(store.connectionString() + "/?serverSelectionTimeoutMS=1000");
    mongo = new MongoTemplate(client, "outbox-relay");
    producers = new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000),
        new StringSerializer(), new ByteArraySerializer());
    meters = new SimpleMeterRegistry();
    relay = new OutboxRelay(mongo, new KafkaTemplate<>(producers), meters, "outbox-test", Duration.ofSeconds(5),
        Duration.ofMillis(200));
    collection = "docs_" + UUID.randomUUID().toString().replace("-", "");
    relay.register(collection);
  }

  @AfterEach
  void close() throws InterruptedException {
    relay.stop();
    producers.destroy();
    client.close();
  }

  @Test
  void anEventItCannotReadIsParkedWithTheEventsAfterItAndDoesNotHoldUpOtherDocuments() {
    Document damaged = new Document("eventId", UUID.randomUUID().toString()).append("type", "no topic, no data");
    Document behindIt = event();
    mongo.insert(new Document("_id", "a").append(OutboxRelay.OUTBOX, List.of(damaged, behindIt)), collection);
    Document healthy = event();
    mongo.insert(new Document("_id", "b").append(OutboxRelay.OUTBOX, List.of(healthy)), collection);

    relay.wake(collection, List.of("a", "b"));

    await().atMost(Duration.ofSeconds(30)).until(() -> outbox("b").isEmpty());
    assertThat(publishedIds()).contains(healthy.getString("eventId"))
        .doesNotContain(behindIt.getString("eventId"));
    Document a = mongo.findById("a", Document.class, collection);
    assertThat(a.getList(OutboxRelay.OUTBOX, Document.class, List.of())).isEmpty();
    assertThat(a.getList(OutboxRelay.PARKED, Document.class)).extracting(e -> e.getString("eventId"))
        .containsExactly(damaged.getString("eventId"), behindIt.getString("eventId"));
    assertThat(meters.counter("outbox.events.parked", "collection", collection).count()).isEqualTo(2);
    assertThat(meters.get("outbox.documents.parked").tag("collection", collection).gauge().value()).isEqualTo(1);

    // parked: no longer pending, so a full sweep passes it over instead of stopping at it
    assertThat(mongo.count(OutboxRelay.pending(), collection)).isZero();

    // an event the document gets now waits behind the parked ones: it must not overtake them
    Document later = event();
    mongo.getCollection(collection).updateOne(new Document("_id", "a"),
        new Document("$push", new Document(OutboxRelay.OUTBOX, later)));
    relay.wake(collection, "a");
    await().atMost(Duration.ofSeconds(30)).until(() -> outbox("a").isEmpty());
    assertThat(mongo.findById("a", Document.class, collection).getList(OutboxRelay.PARKED, Document.class))
        .extracting(e -> e.getString("eventId")).containsExactly(damaged.getString("eventId"),
            behindIt.getString("eventId"), later.getString("eventId"));
    assertThat(publishedIds()).doesNotContain(later.getString("eventId"));
    assertThat(meters.get("outbox.documents.parked").tag("collection", collection).gauge().value()).isEqualTo(1);
  }

  /**
   * An event Kafka refuses for good (larger than it takes) is parked with the events after it: sent again every
   * round, it was refused again every round, and they never went out.
   */
  @Test
  void anEventKafkaRefusesForGoodIsParkedAndOtherDocumentsGoOn() {
    Document huge = event();
    huge.put("data", "{\"x\":\"" + "x".repeat(1_100_000) + "\"}");
    Document behindIt = event();
    mongo.insert(new Document("_id", "a").append(OutboxRelay.OUTBOX, List.of(huge, behindIt)), collection);
    Document healthy = event();
    mongo.insert(new Document("_id", "b").append(OutboxRelay.OUTBOX, List.of(healthy)), collection);

    relay.wake(collection, List.of("a", "b"));

    await().atMost(Duration.ofSeconds(30)).until(() -> outbox("b").isEmpty() && outbox("a").isEmpty());
    assertThat(mongo.findById("a", Document.class, collection).getList(OutboxRelay.PARKED, Document.class))
        .extracting(e -> e.getString("eventId"))
        .containsExactly(huge.getString("eventId"), behindIt.getString("eventId"));
    assertThat(publishedIds()).contains(healthy.getString("eventId")).doesNotContain(behindIt.getString("eventId"));
  }

  @Test
  void anEntryThatIsNotEvenADocumentIsParkedAndAFullSweepGoesOn() {
    Document healthy = event();
    mongo.getCollection(collection).insertOne(new Document("_id", "a")
        .append(OutboxRelay.OUTBOX, List.of("edited by hand", event())));
    mongo.insert(new Document("_id", "b").append(OutboxRelay.OUTBOX, List.of(healthy)), collection);

    relay.fullSweep();

    await().atMost(Duration.ofSeconds(30)).until(() -> outbox("b").isEmpty());
    assertThat(publishedIds()).containsExactly(healthy.getString("eventId"));
    assertThat(mongo.findById("a", Document.class, collection).get(OutboxRelay.PARKED, List.class)).hasSize(2);
    relay.fullSweep();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        meters.get("outbox.documents.parked").tag("collection", collection).gauge().value() == 1);
  }

  @Test
  void aFullSweepThatFailedWhileKafkaWasAwayRunsAgainOnceItIsBack() {
    broker.stop();
    try {
      // as a previous process left it: pending, with no hint in this one's memory
      Document left = event();
      mongo.insert(new Document("_id", "left").append(OutboxRelay.OUTBOX, List.of(left)), collection);
      relay.fullSweep();
      await().atMost(Duration.ofSeconds(30)).until(() -> failures() >= 1);
    } finally {
      broker.start();
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> {
      relay.retry(); // as the scheduler calls it, every second
      return outbox("left").isEmpty();
    });
    assertThat(publishedIds()).hasSize(1);
  }

  @Test
  void aDocumentHandedOverWhileMongoDbWasAwayIsPublishedOnceItIsBack() {
    Document pending = event();
    mongo.insert(new Document("_id", "written").append(OutboxRelay.OUTBOX, List.of(pending)), collection);
    store.stop();
    try {
      relay.wake(collection, "written");
      await().atMost(Duration.ofSeconds(30)).until(() -> failures() >= 1);
    } finally {
      store = new MongoStore("127.0.0.1", mongoPort, dir.resolve("store.mv.db")).start();
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> {
      relay.retry();
      return outbox("written").isEmpty();
    });
    assertThat(publishedIds()).containsExactly(pending.getString("eventId"));
  }

  /**
   * A document that keeps failing (its topic gone, offline for long) held up the full sweep of every collection
   * registered after its own: their documents, left by a process that died, waited until its cause was fixed.
   */
  @Test
  void aDocumentThatKeepsFailingDoesNotHoldUpTheSweepOfOtherCollections() {
    String later = collection + "_later";
    relay.register(later);
    Document stuck = event();
    stuck.put("topic", "no-such-topic-" + UUID.randomUUID());
    mongo.insert(new Document("_id", "stuck").append(OutboxRelay.OUTBOX, List.of(stuck)), collection);
    String original = collection;
    collection = later;
    Document left = event();
    mongo.insert(new Document("_id", "left").append(OutboxRelay.OUTBOX, List.of(left)), later);

    relay.fullSweep();

    await().atMost(Duration.ofSeconds(30)).until(() -> {
      relay.retry();
      return outbox("left").isEmpty();
    });
    assertThat(publishedIds()).containsExactly(left.getString("eventId"));
    collection = original;
    assertThat(outbox("stuck")).as("still pending, tried again on the next sweep").hasSize(1);
  }

  private Document event() {
    PendingEvent event = new PendingEvent(UUID.randomUUID().toString(), EventType.CITIZEN_REGISTERED.type(), TOPIC,
        collection, null, Instant.now().truncatedTo(ChronoUnit.MILLIS), "{}", null, null);
    Document written = new Document();
    mongo.getConverter().write(event, written);
    written.remove("_class");
    return written;
  }

  private List<Document> outbox(String id) {
    return mongo.findOne(query(where("_id").is(id)), Document.class, collection)
        .getList(OutboxRelay.OUTBOX, Document.class, List.of());
  }

  private double failures() {
    return meters.counter("outbox.publish.failures").count();
  }

  /** The ids of the events on the topic for this test's collection (the record key). */
  private List<String> publishedIds() {
    return TopicReader.readAll(broker.bootstrapServers(), TOPIC).stream()
        .filter(r -> collection.equals(r.key())).map(r -> CloudEventHeaders.read(r).id()).toList();
  }
}
