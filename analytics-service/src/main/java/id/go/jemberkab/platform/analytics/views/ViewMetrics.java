package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the topology counts as it reads: events by type, skipped unknown types, poison records and
 * duplicates. Labels are topics and event types only.
 */
class ViewMetrics {

  private final MeterRegistry meters;

  ViewMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  static ViewMetrics discarded() {
    return new ViewMetrics(new SimpleMeterRegistry());
  }

  void consumed(EventType type) {
    meters.counter("analytics.events.consumed", "type", type.type()).increment();
  }

  void skipped(String topic) {
    meters.counter("analytics.events.skipped", "topic", topic).increment();
  }

  void poisoned(String topic) {
    meters.counter("analytics.events.dead.lettered", "topic", topic).increment();
  }

  /** Engagement per channel and action, each event once: 4 channels x 7 actions at most. */
  void engagement(String channel, String action) {
    meters.counter("analytics.engagement", "channel", channel, "action", action).increment();
  }

  void duplicate(String topic) {
    meters.counter("analytics.events.duplicates", "topic", topic).increment();
  }
}
