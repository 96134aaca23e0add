package id.go.jemberkab.platform.analytics.views;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.TopicSpec;
import id.go.jemberkab.platform.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The query API's read model: one MongoDB collection per view, one document per row, fed from the
 * {@code analytics.<view>.v1} topics, partitions shared among the replicas. Rows of an earlier generation
 * (before a replay) are ignored.
 */
public class ReadModel {

  /** A view: its topic, its collection and the name analysts use in URLs. */
  public enum View {
    ENGAGEMENT("engagement", Topics.ANALYTICS_ENGAGEMENT),
    FOLLOWERS("followers", Topics.ANALYTICS_FOLLOWERS),
    SERVICE_REQUESTS("service-requests", Topics.ANALYTICS_SERVICE_REQUESTS),
    REGISTRATION_FUNNEL("registration-funnel", Topics.ANALYTICS_REGISTRATION_FUNNEL),
    CITIZEN_REGISTRATIONS("citizen-registrations", Topics.ANALYTICS_CITIZEN_REGISTRATIONS),
    CONTENT("content", Topics.ANALYTICS_CONTENT),
    POSTS("posts", Topics.ANALYTICS_POSTS);

    final String path;
    final TopicSpec topic;

    View(String path, TopicSpec topic) {
      this.path = path;
      this.topic = topic;
    }

    String collection() {
      return "view_" + path.replace('-', '_');
    }

    public String path() {
      return path;
    }

    static Optional<View> of(String path) {
      return Arrays.stream(values()).filter(v -> v.path.equals(path)).findFirst();
    }

    static Optional<View> ofTopic(String topic) {
      return Arrays.stream(values()).filter(v -> v.topic.name().equals(topic)).findFirst();
    }
  }

  private final MongoTemplate mongo;
  private final Generations generations;
  private final ViewUpdates updates;
  private final Kpis kpis;
  /** A batch writes under the read lock; a replay clears under the write lock, after the batch in flight. */
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  private final org.springframework.kafka.listener.ConsumerRecordRecoverer deadLetters;

  ReadModel(MongoTemplate mongo, Generations generations, ViewUpdates updates, Kpis kpis,
      org.springframework.kafka.listener.ConsumerRecordRecoverer deadLetters) {
    this.deadLetters = deadLetters;
    this.mongo = mongo;
    this.generations = generations;
    this.updates = updates;
    this.kpis = kpis;
  }

  /**
   * Engagement windows come in bursts (six rows per event): they get consumers of their own, so a burst
   * never holds back the other views.
   */
  @KafkaListener(id = "analytics-read-model-engagement", groupId = "analytics-service.read-model", batch = "true",
      concurrency = "3", topics = "#{T(id.go.jemberkab.platform.contracts.Topics).ANALYTICS_ENGAGEMENT.name()}")
  void onEngagement(List<ConsumerRecord<String, byte[]>> records) {
    on(records);
  }

  @KafkaListener(id = "analytics-read-model", groupId = "analytics-service.read-model", batch = "true",
      topics = "#{T(id.go.jemberkab.platform.contracts.Topics).VIEWS.![name()].?[#this != 'analytics.engagement.v1']}")
  void on(List<ConsumerRecord<String, byte[]>> records) {
    lock.readLock().lock();
    try {
      write(records);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void write(List<ConsumerRecord<String, byte[]>> records) {
    long generation = generations.current();
    // a row written several times in one batch is stored once, with its last value
    Map<String, ConsumerRecord<String, byte[]>> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      latest.remove(record.topic() + "|" + record.key());
      latest.put(record.topic() + "|" + record.key(), record);
    }
    for (ConsumerRecord<String, byte[]> record : latest.values()) {
      if (!current(record, generation)) {
        continue;
      }
      View view;
      Document row;
      try {
        view = View.ofTopic(record.topic()).orElseThrow();
        CloudEvent event = CloudEventHeaders.read(record);
        row = Document.parse(new String(event.data(), StandardCharsets.UTF_8));
        if (view == View.ENGAGEMENT) {
          row.put("startMs", Instant.parse(row.getString("windowStart")).toEpochMilli());
        }
      } catch (RuntimeException unreadable) {
        // to the dead-letter topic from here, and on with the batch: thrown, it would end the retries that wait
        // MongoDB out, and Spring Kafka would dead-letter the whole batch with it
        org.slf4j.LoggerFactory.getLogger(ReadModel.class).warn("view row {} of {} is unreadable ({}); sent to {}.dlt",
            record.key(), record.topic(), unreadable.toString(), record.topic());
        // waits for the broker; if it fails, the batch is tried again
        deadLetters.accept(record, unreadable);
        continue;
      }
      Update update = new Update();
      row.forEach(update::set);
      mongo.upsert(query(where("_id").is(record.key())), update, view.collection());
    }
  }

  /**
   * Every replica sees every row here (a group of its own, from the latest offset): its live streams and KPI
   * gauges are complete however the read model's partitions are spread over the replicas.
   */
  @KafkaListener(id = "analytics-live", groupId = "analytics-service.live-#{T(java.util.UUID).randomUUID()}",
      batch = "true", properties = "auto.offset.reset=latest",
      topics = "#{T(id.go.jemberkab.platform.contracts.Topics).VIEWS.![name()]}")
  void live(List<ConsumerRecord<String, byte[]>> records) {
    long generation = generations.current();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (!current(record, generation)) {
        continue;
      }
      View view;
      Document row;
      try {
        view = View.ofTopic(record.topic()).orElseThrow();
        row = Document.parse(new String(CloudEventHeaders.read(record).data(), StandardCharsets.UTF_8));
      } catch (RuntimeException unreadable) {
        continue; // the read model sends it to the dead-letter topic; live streams and gauges pass it by
      }
      kpis.update(view, row);
      updates.publish(view, record.key(), row);
    }
  }

  /** Whether the row was written by the current generation; a row without a readable generation is not. */
  private static boolean current(ConsumerRecord<String, byte[]> record, long generation) {
    Header written = record.headers().lastHeader(ViewTopology.GENERATION_HEADER);
    if (written == null) {
      return false;
    }
    try {
      return Long.parseLong(new String(written.value(), StandardCharsets.UTF_8)) == generation;
    } catch (NumberFormatException unreadable) {
      return false;
    }
  }

  /** A replay starts from nothing: every view's rows are dropped before the next generation writes them. */
  void clear() {
    lock.writeLock().lock();
    try {
      for (View view : View.values()) {
        mongo.dropCollection(view.collection());
      }
      kpis.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
