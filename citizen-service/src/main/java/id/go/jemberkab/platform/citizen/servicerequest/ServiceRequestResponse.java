package id.go.jemberkab.platform.citizen.servicerequest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A service request as the API answers for it; never names the citizen behind it. */
public record ServiceRequestResponse(String id, String serviceCode, String serviceName, String opd, String status,
    String statusNotes, String description, String desaCode, String kecamatanCode, Double lat,
    @JsonProperty("long") Double lon, Map<String, Object> attributes, String mediaUrl, boolean anonymous,
    Instant submittedAt, Instant updatedAt, Instant expectedAt, boolean overdue, int supporters,
    List<ServiceRequestDocument.Transition> history) {

  static ServiceRequestResponse of(ServiceRequestDocument d) {
    List<ServiceRequestDocument.Transition> history = d.history() == null ? List.of() : d.history();
    String notes = history.isEmpty() ? null : history.get(history.size() - 1).note();
    return new ServiceRequestResponse(d.id(), d.serviceCode(), d.serviceName(), d.opd(), d.status().code(), notes,
        d.description(), d.desaCode(), d.kecamatanCode(), d.lat(), d.lon(), d.attributes(), d.mediaUrl(),
        d.citizenId() == null, d.submittedAt(), d.updatedAt(), d.expectedAt(), d.overdue(), d.supporters(), history);
  }
}
