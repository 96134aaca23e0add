package id.go.jemberkab.platform.citizen.servicerequest;

import id.go.jemberkab.platform.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A service request with its transitions and its pending events (outbox). Changed only by targeted,
 * status-conditional updates, so two officers cannot both move it from the same state.
 *
 * @param citizenId the registry's opaque id when filed for a consenting citizen; null when anonymous
 */
@Document(ServiceRequestDocument.COLLECTION)
record ServiceRequestDocument(@Id String id, String serviceCode, String serviceName, String opd, Status status,
    String description, String desaCode, String kecamatanCode, Double lat, Double lon, Map<String, Object> attributes,
    String mediaUrl, String citizenId, Instant submittedAt, Instant updatedAt, Instant expectedAt, boolean overdue,
    int supporters, List<Transition> history, long version, List<PendingEvent> outbox) {

  static final String COLLECTION = "service_requests";

  /** One step of the lifecycle: when, by whom, with what note (and why, for a rejection). */
  record Transition(String from, String to, Instant at, String actor, String note, String reason) {
  }
}
