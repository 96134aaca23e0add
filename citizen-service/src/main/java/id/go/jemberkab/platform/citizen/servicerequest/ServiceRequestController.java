package id.go.jemberkab.platform.citizen.servicerequest;

import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.Inputs;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/service-requests}: file, follow and move service requests. */
@RestController
@RequestMapping(path = "/api/v1/service-requests", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Service requests")
class ServiceRequestController {

  private final ServiceRequests requests;

  ServiceRequestController(ServiceRequests requests) {
    this.requests = requests;
  }

  /** A lifecycle step as an officer sends it. */
  @Schema(example = "{\"status\":\"rejected\",\"actor\":\"UPT Jalan Wilayah Kaliwates\","
      + "\"reason\":\"Jalan nasional, kewenangan BBPJN\",\"note\":\"Diteruskan ke BBPJN Jatim\"}")
  record TransitionRequest(String status, String note, String actor, String reason) {
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "File a service request",
      description = "201 with the request and its expected date (SLA in working days). 409 possible-duplicates "
          + "lists open requests of the same service in the same desa: support one instead, or resend with "
          + "acknowledgeDuplicates. 409 consent-missing when the linked citizen withdrew service-delivery.")
  ResponseEntity<ServiceRequestResponse> submit(@RequestBody SubmitServiceRequest request) {
    ServiceRequestResponse filed = requests.submit(request);
    return ResponseEntity.created(URI.create("/api/v1/service-requests/" + filed.id())).body(filed);
  }

  @GetMapping
  @Operation(summary = "List service requests, newest first",
      description = "Filters: serviceCode, status, kecamatan, desa, from/to (RFC 3339 on submission time).")
  List<ServiceRequestResponse> list(@RequestParam(required = false) String serviceCode,
      @RequestParam(required = false) String status, @RequestParam(required = false) String kecamatan,
      @RequestParam(required = false) String desa, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return requests.list(serviceCode, status, kecamatan, desa, instant("from", from), instant("to", to), page, size);
  }

  @GetMapping("/{id}")
  @Operation(summary = "One service request with its history")
  ServiceRequestResponse get(@PathVariable String id) {
    return requests.get(id);
  }

  @PostMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Move a request through its lifecycle",
      description = "submitted → accepted → in_progress → resolved → closed, or rejected (with reason and actor) "
          + "from any open status; 409 illegal-transition otherwise, with the allowed next statuses.")
  ServiceRequestResponse transition(@PathVariable String id, @RequestBody TransitionRequest request) {
    return requests.transition(id, request.status(), request.note(), request.actor(), request.reason());
  }

  @PostMapping("/{id}/supporters")
  @Operation(summary = "Support an open request instead of filing a duplicate")
  ServiceRequestResponse support(@PathVariable String id) {
    return requests.support(id);
  }

  /** A query parameter as an RFC 3339 instant; 400 when it is not one. */
  static Instant instant(String field, String value) {
    List<FieldError> errors = new ArrayList<>();
    Instant parsed = Inputs.dateTime(field, value, false, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return parsed;
  }
}
