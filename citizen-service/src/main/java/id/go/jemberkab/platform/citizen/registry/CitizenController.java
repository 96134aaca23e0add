package id.go.jemberkab.platform.citizen.registry;

import id.go.jemberkab.platform.problems.Inputs;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/citizens}: register, read, update, search citizens and keep their consents. */
@RestController
@RequestMapping(path = "/api/v1/citizens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Citizen registry")
class CitizenController {

  private final CitizenRegistry registry;

  CitizenController(CitizenRegistry registry) {
    this.registry = registry;
  }

  /** A NIK lookup: the NIK travels in the body so that it never lands in an access log. */
  @Schema(example = """
      {"nik":"3509191708900001"}""")
  record LookupRequest(@Schema(example = "3509191708900001") String nik) {
  }

  /** A grant or withdrawal; {@code source} says through which channel the citizen gave it. */
  @Schema(example = """
      {"granted":false,"source":"counter Dispendukcapil Kaliwates"}""")
  record ConsentRequest(@Schema(example = "false") Boolean granted,
      @Schema(example = "counter Dispendukcapil Kaliwates") String source) {
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Register a citizen",
      description = "201 with Location /api/v1/citizens/{id} (an opaque id, never the NIK) and ETag; 409 "
          + "already-registered; 400 validation-failed listing every field error.")
  ResponseEntity<CitizenResponse> register(@RequestBody RegisterCitizenRequest request) {
    CitizenResponse citizen = registry.register(request);
    return ResponseEntity.created(URI.create("/api/v1/citizens/" + citizen.id()))
        .eTag(Long.toString(citizen.version()))
        .body(citizen);
  }

  @GetMapping
  @Operation(summary = "Search citizens by kecamatan and/or desa",
      description = "Pages of at most 100, oldest registration first; erased citizens are not listed.")
  PageResponse<CitizenSummary> search(@RequestParam(required = false) String kecamatan,
      @RequestParam(required = false) String desa, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return registry.search(kecamatan, desa, page, size);
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read a citizen by its opaque id", description = "ETag carries the version for If-Match.")
  ResponseEntity<CitizenResponse> get(@PathVariable String id) {
    CitizenResponse citizen = registry.get(id);
    return ResponseEntity.ok().eTag(Long.toString(citizen.version())).body(citizen);
  }

  @PostMapping(path = "/lookup", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Find a citizen by NIK", description = "The NIK goes in the body, never in a URL.")
  ResponseEntity<CitizenResponse> lookup(@RequestBody LookupRequest request) {
    CitizenResponse citizen = registry.lookup(request.nik());
    return ResponseEntity.ok().eTag(Long.toString(citizen.version())).body(citizen);
  }

  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Update or rectify a citizen's mutable data",
      description = "Requires If-Match with the ETag read: 428 without it, 412 when the citizen changed since.")
  ResponseEntity<CitizenResponse> update(@PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody UpdateCitizenRequest request) {
    CitizenResponse citizen = registry.update(id, expectedVersion(ifMatch), request);
    return ResponseEntity.ok().eTag(Long.toString(citizen.version())).body(citizen);
  }

  @GetMapping("/{id}/consents")
  @Operation(summary = "The citizen's consents per purpose, with their history")
  ConsentsResponse consents(@PathVariable String id) {
    return registry.consents(id);
  }

  @PutMapping(path = "/{id}/consents/{purpose}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Grant or withdraw consent for one purpose",
      description = "purpose: service-delivery, event-notification or research. Withdrawing stops the "
          + "processing that depends on it (linking service requests, registering for events as the citizen).")
  ConsentsResponse changeConsent(@PathVariable String id, @PathVariable String purpose,
      @RequestBody ConsentRequest request) {
    Purpose parsed = Purpose.of(purpose).orElseThrow(() -> InvalidRequestException.of("purpose",
        "consent.unknown-purpose", "purpose must be service-delivery, event-notification or research"));
    if (request.granted() == null) {
      throw InvalidRequestException.of("granted", "required", "granted is required, true or false");
    }
    String source = request.source() == null || request.source().isBlank() ? "api" : request.source().strip();
    if (source.length() > 100) {
      throw InvalidRequestException.of("source", "source.too-long", "source is longer than 100 characters");
    }
    if (Inputs.hasControlCharacters(source, false)) {
      throw InvalidRequestException.of("source", "source.invalid", "source may not hold control characters");
    }
    return registry.changeConsent(id, parsed, request.granted(), source);
  }

  /** The version an {@code If-Match: "N"} names; 428 when absent, 400 when it is not one of ours. */
  static long expectedVersion(String ifMatch) {
    Long version = Inputs.ifMatchVersion(ifMatch);
    if (version == null) {
      throw new ProblemException(Problems.PRECONDITION_REQUIRED,
          "Updates need If-Match with the ETag of the citizen as you read it, so no one's change is lost.");
    }
    return version;
  }

}
