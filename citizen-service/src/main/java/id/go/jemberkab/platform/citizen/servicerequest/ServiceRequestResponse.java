package id.go.jemberkab.platform.citizen.servicerequest;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A service request as the API answers for it; never names the citizen behind it. */
@Schema(example = """
    {"id":"0c7b1e7e-5c1b-4f0e-9a55-7d7a8c1f2b3a","serviceCode":"JALAN-RUSAK","serviceName":"Jalan rusak",
     "opd":"DPUBMSDA","status":"accepted","statusNotes":"Dijadwalkan minggu ini","description":"Lubang di depan sekolah",
     "desaCode":"35.09.19.1001","kecamatanCode":"35.09.19","lat":-8.17,"long":113.7,
     "attributes":{"tingkat_kerusakan":"berat"},"mediaUrl":null,"anonymous":true,"submittedAt":"2026-11-27T03:15:42.123Z",
     "updatedAt":"2026-11-27T05:00:00.000Z","expectedAt":"2026-12-11T16:59:59.999Z","overdue":false,"supporters":2,
     "history":[{"from":null,"to":"submitted","at":"2026-11-27T03:15:42.123Z","actor":null,"note":null,"reason":null},
     {"from":"submitted","to":"accepted","at":"2026-11-27T05:00:00.000Z","actor":"UPT Jalan Kaliwates","note":"Dijadwalkan minggu ini","reason":null}]}""")
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
