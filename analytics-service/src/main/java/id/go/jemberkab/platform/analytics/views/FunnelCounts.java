package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.analytics.RegistrationFunnel;

/** The stages an event's registrations reached; each (registration, stage) arrives here once. */
final class FunnelCounts {

  /** One registration reaching one stage, or one view of the event's overflow stream. */
  record Stage(String stage, int capacity) {
  }

  public int capacity;
  public long registered;
  public long confirmed;
  public long waitlisted;
  public long offered;
  public long promoted;
  public long cancelled;
  public long checkedIn;
  public long overflowViews;

  FunnelCounts add(Stage stage) {
    capacity = Math.max(capacity, stage.capacity());
    switch (stage.stage()) {
      case "registered" -> registered++;
      case "confirmed" -> confirmed++;
      case "waitlisted" -> waitlisted++;
      case "offered" -> offered++;
      case "promoted" -> promoted++;
      case "cancelled" -> cancelled++;
      case "checked-in" -> checkedIn++;
      case "overflow-view" -> overflowViews++;
      default -> throw new IllegalArgumentException("unknown stage " + stage.stage());
    }
    return this;
  }

  RegistrationFunnel toFunnel(String eventId) {
    return new RegistrationFunnel(eventId, capacity, registered, confirmed, waitlisted, offered, promoted, cancelled,
        checkedIn, overflowViews);
  }
}
