package id.go.jemberkab.platform.citizen.servicerequest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * A service request as a caller files it: the service, where (desa code and/or coordinates inside the
 * regency), the service's attributes, what happened. {@code citizenId} links it to a registered citizen who
 * consents to service-delivery; without it the request is anonymous.
 */
@Schema(example = """
    {"serviceCode":"JALAN-RUSAK","desaCode":"35.09.19.1001","lat":-8.1724,"long":113.6995,
     "attributes":{"tingkat_kerusakan":"berat","panjang_meter":12},
     "description":"Lubang besar di depan SDN Mangli 01, membahayakan pengendara motor.",
     "mediaUrl":"https://portal.jemberkab.go.id/media/laporan/123.jpg"}""")
public record SubmitServiceRequest(String serviceCode, String desaCode, Double lat,
    @JsonProperty("long") Double lon, Map<String, Object> attributes, String description, String mediaUrl,
    String citizenId, @Schema(description = "File even though similar open requests exist") Boolean acknowledgeDuplicates) {
}
