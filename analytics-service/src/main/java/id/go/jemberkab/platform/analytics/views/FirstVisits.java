package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.analytics.views.ViewTopology.Window;
import id.go.jemberkab.platform.contracts.content.EngagementRecorded;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Marks, for each engagement window an event falls in, whether its visitor is seen there for the first time.
 * The store holds one entry per scope, window and visitor, at the window's start (windows are aligned to the
 * epoch, as Kafka Streams' tumbling windows are), and forgets them with the longest window and its grace.
 */
final class FirstVisits implements FixedKeyProcessor<String, EngagementRecorded, FirstVisits.Scoped> {

  static final String STORE = "engagement-visitors";

  /** An engagement event in one scope; bit {@code w.ordinal()} of {@code newVisitorIn} set: first in window w. */
  record Scoped(EngagementRecorded event, int newVisitorIn) {

    boolean newIn(Window window) {
      return (newVisitorIn & (1 << window.ordinal())) != 0;
    }
  }

  private FixedKeyProcessorContext<String, Scoped> context;
  private WindowStore<String, Boolean> seen;

  @Override
  public void init(FixedKeyProcessorContext<String, Scoped> context) {
    this.context = context;
    this.seen = context.getStateStore(STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, EngagementRecorded> record) {
    String visitor = record.value().visitorHash();
    int first = 0;
    if (visitor != null) {
      for (Window window : Window.values()) {
        long size = window.size.toMillis();
        long start = record.timestamp() - Math.floorMod(record.timestamp(), size);
        String key = record.key() + "|" + window.label + "|" + visitor;
        if (seen.fetch(key, start) == null) {
          seen.put(key, Boolean.TRUE, start);
          first |= 1 << window.ordinal();
        }
      }
    }
    context.forward(record.withValue(new Scoped(record.value(), first)));
  }
}
