package id.go.jemberkab.platform.citizen.servicerequest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open311 GeoReport v2 reads ({@code /open311/v2}), so existing Open311 clients work unchanged: the same
 * catalogue and requests as {@code /api/v1}, in the specification's field names and shapes. Public: no
 * citizen is ever named.
 */
@RestController
@RequestMapping(path = "/open311/v2", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Open311 GeoReport v2")
class Open311Controller {

  static final int MAX_REQUESTS = 1000;
  static final Duration DEFAULT_SPAN = Duration.ofDays(90);

  private final ServiceCatalogue catalogue;
  private final ServiceRequests requests;

  Open311Controller(ServiceCatalogue catalogue, ServiceRequests requests) {
    this.catalogue = catalogue;
    this.requests = requests;
  }

  /** An entry of {@code services.json}. */
  @Schema(example = """
      {"service_code":"jalan-rusak","service_name":"Jalan rusak","description":"Lubang atau kerusakan jalan kabupaten",
       "metadata":true,"type":"realtime","keywords":"jalan,lubang,aspal","group":"Infrastruktur"}""")
  record Service(@JsonProperty("service_code") String serviceCode, @JsonProperty("service_name") String serviceName,
      String description, boolean metadata, String type, String keywords, String group) {
  }

  /** {@code services/{code}.json}. */
  @Schema(example = """
      {"service_code":"jalan-rusak","attributes":[{"variable":true,"code":"tingkat-kerusakan","datatype":"singlevaluelist",
       "required":true,"datatype_description":"Pilih satu","order":1,"description":"Seberapa parah kerusakannya?",
       "values":[{"key":"ringan","name":"Ringan"},{"key":"berat","name":"Berat"}]}]}""")
  record Definition(@JsonProperty("service_code") String serviceCode, List<Attribute> attributes) {
  }

  /** One attribute of a service definition. */
  record Attribute(boolean variable, String code, String datatype, boolean required,
      @JsonProperty("datatype_description") String datatypeDescription, int order, String description,
      List<ServiceDefinition.Value> values) {
  }

  /** An entry of {@code requests.json}. */
  @Schema(example = """
      {"service_request_id":"SR-2026-000123","status":"open","status_notes":"Diterima, tim dijadwalkan",
       "service_name":"Jalan rusak","service_code":"jalan-rusak","description":"Lubang besar di depan pasar",
       "agency_responsible":"Dinas Pekerjaan Umum Bina Marga dan Sumber Daya Air","service_notice":null,
       "requested_datetime":"2026-11-27T02:00:00Z","updated_datetime":"2026-11-27T03:00:00Z",
       "expected_datetime":"2026-12-11T09:00:00Z","address":"Kaliwates, Kaliwates, Kabupaten Jember",
       "address_id":"35.09.19.1001","zipcode":null,"lat":-8.174,"long":113.7,"media_url":null}""")
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Request(@JsonProperty("service_request_id") String serviceRequestId, String status,
      @JsonProperty("status_notes") String statusNotes, @JsonProperty("service_name") String serviceName,
      @JsonProperty("service_code") String serviceCode, String description,
      @JsonProperty("agency_responsible") String agencyResponsible, @JsonProperty("service_notice") String serviceNotice,
      @JsonProperty("requested_datetime") Instant requestedDatetime,
      @JsonProperty("updated_datetime") Instant updatedDatetime,
      @JsonProperty("expected_datetime") Instant expectedDatetime, String address,
      @JsonProperty("address_id") String addressId, String zipcode, Double lat, @JsonProperty("long") Double lon,
      @JsonProperty("media_url") String mediaUrl) {

    static Request of(ServiceRequestResponse r) {
      String address = RegionDirectory.jember().find(r.desaCode())
          .map(desa -> desa.name() + ", " + RegionDirectory.jember().find(desa.kecamatanCode()).map(Region::name)
              .orElse("") + ", Kabupaten Jember")
          .orElse(null);
      // public and anonymous: no phone number, NIK or e-mail address from the texts and the media link's query,
      // the place to about 100 m
      return new Request(r.id(), Status.of(r.status()).map(Status::open311).orElse("open"),
          PublicView.text(r.statusNotes()), r.serviceName(), r.serviceCode(), PublicView.text(r.description()),
          r.opd(), null, r.submittedAt(), r.updatedAt(), r.expectedAt(), address, r.desaCode(), null,
          PublicView.place(r.lat()), PublicView.place(r.lon()), PublicView.link(r.mediaUrl()));
    }
  }

  @GetMapping("/services.json")
  @Operation(summary = "GET Service List (Open311)")
  List<Service> services() {
    return catalogue.all().stream().map(s -> new Service(s.code(), s.name(), s.description(),
        s.attributes() != null && !s.attributes().isEmpty(), "realtime",
        s.keywords() == null ? "" : String.join(",", s.keywords()), s.group())).toList();
  }

  @GetMapping("/services/{code}.json")
  @Operation(summary = "GET Service Definition (Open311)")
  Definition service(@PathVariable String code) {
    ServiceDefinition s = catalogue.get(code);
    List<Attribute> attributes = s.attributes() == null ? List.of() : s.attributes().stream()
        .sorted(Comparator.comparingInt(ServiceDefinition.Attribute::order))
        .map(a -> new Attribute(true, a.code(), a.datatype(), a.required(), a.description(), a.order(),
            a.description(), a.values() == null ? List.of() : a.values()))
        .toList();
    return new Definition(s.code(), attributes);
  }

  @GetMapping("/requests.json")
  @Operation(summary = "GET Service Requests (Open311)",
      description = "service_request_id (comma-separated), service_code, start_date, end_date (default: the "
          + "last 90 days), status (open or closed); at most 1000 requests, newest first.")
  List<Request> requests(@RequestParam(name = "service_request_id", required = false) String ids,
      @RequestParam(name = "service_code", required = false) String serviceCode,
      @RequestParam(name = "start_date", required = false) String startDate,
      @RequestParam(name = "end_date", required = false) String endDate,
      @RequestParam(required = false) String status) {
    if (ids != null) {
      List<String> wanted = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).limit(100)
          .toList();
      return requests.byIds(wanted).stream().map(ServiceRequestResponse::of).map(Request::of).toList();
    }
    if (status != null && !status.equals("open") && !status.equals("closed")) {
      throw InvalidRequestException.of("status", "status.invalid", "status is open or closed");
    }
    Instant end = ServiceRequestController.instant("end_date", endDate);
    Instant start = ServiceRequestController.instant("start_date", startDate);
    if (end == null) {
      end = Instant.now();
    }
    if (start == null) {
      start = end.minus(DEFAULT_SPAN);
    }
    List<Status> statuses = status == null ? List.of(Status.values())
        : Stream.of(Status.values()).filter(s -> s.open311().equals(status)).toList();
    return requests.open311(serviceCode, statuses, start, end, MAX_REQUESTS).stream()
        .map(ServiceRequestResponse::of).map(Request::of).toList();
  }

  @GetMapping("/requests/{id}.json")
  @Operation(summary = "GET Service Request (Open311): an array of one")
  List<Request> request(@PathVariable String id) {
    return List.of(Request.of(requests.get(id)));
  }
}
