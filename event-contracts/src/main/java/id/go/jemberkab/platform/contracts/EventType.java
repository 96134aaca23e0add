package id.go.jemberkab.platform.contracts;

import id.go.jemberkab.platform.contracts.citizen.CitizenRegistered;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type the platform publishes: its CloudEvents {@code type}, its topic and the record its data
 * binds to. The JSON Schema of a type lives at {@code schemas/<type>.json}, an example at
 * {@code examples/<type>.json}.
 */
public enum EventType {

  CITIZEN_REGISTERED("id.go.jemberkab.citizen.registered.v1", Topics.CITIZEN_REGISTRY, CitizenRegistered.class);

  private final String type;
  private final TopicSpec topic;
  private final Class<? extends Record> dataClass;

  EventType(String type, TopicSpec topic, Class<? extends Record> dataClass) {
    this.type = type;
    this.topic = topic;
    this.dataClass = dataClass;
  }

  /** The CloudEvents {@code type} attribute, reverse-DNS and versioned. */
  public String type() {
    return type;
  }

  public TopicSpec topic() {
    return topic;
  }

  public Class<? extends Record> dataClass() {
    return dataClass;
  }

  public String schemaResource() {
    return "schemas/" + type + ".json";
  }

  public String exampleResource() {
    return "examples/" + type + ".json";
  }

  public static Optional<EventType> of(String type) {
    return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
  }
}
