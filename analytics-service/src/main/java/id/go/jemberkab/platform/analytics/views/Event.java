package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.EventType;

/**
 * A platform event read off a source topic: its type, its CloudEvents id and its data, already checked
 * against the type's schema. {@code poison} says why a record could not be read; such a record goes to the
 * topic's dead-letter twin with its original bytes.
 */
record Event(EventType type, String id, byte[] data, String poison) {

  <T> T as(Class<T> record) {
    return JsonSerde.JSON.readValue(data, record);
  }

  boolean is(EventType... types) {
    for (EventType t : types) {
      if (t == type) {
        return true;
      }
    }
    return false;
  }
}
