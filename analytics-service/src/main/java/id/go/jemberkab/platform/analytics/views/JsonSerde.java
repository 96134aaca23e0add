package id.go.jemberkab.platform.analytics.views;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.json.JsonMapper;

/** JSON for the topology's own state and repartition records (aggregates, request states, stages). */
final class JsonSerde<T> implements Serde<T> {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final Class<T> type;

  private JsonSerde(Class<T> type) {
    this.type = type;
  }

  static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  /**
   * A deep copy. The aggregators of tables that are grouped again (request states, residences) change a copy,
   * never the aggregate they are given: Kafka Streams passes that same object downstream as the old value,
   * and the next grouping's subtractor must see the state before the change. Aggregates only streamed out
   * are changed in place.
   */
  @SuppressWarnings("unchecked")
  static <V> V copy(V value) {
    return value == null ? null : (V) JSON.readValue(JSON.writeValueAsBytes(value), value.getClass());
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : JSON.writeValueAsBytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : JSON.readValue(bytes, type);
  }
}
