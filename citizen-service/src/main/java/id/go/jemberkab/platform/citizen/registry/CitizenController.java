package id.go.jemberkab.platform.citizen.registry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/citizens}: register and read citizens. */
@RestController
@RequestMapping(path = "/api/v1/citizens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Citizen registry")
class CitizenController {

  private final CitizenRegistry registry;

  CitizenController(CitizenRegistry registry) {
    this.registry = registry;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Register a citizen",
      description = "201 with Location /api/v1/citizens/{id} (an opaque id, never the NIK); 409 when the NIK is "
          + "registered; 400 problem with every field error otherwise.")
  ResponseEntity<CitizenResponse> register(@RequestBody RegisterCitizenRequest request) {
    CitizenResponse citizen = registry.register(request);
    return ResponseEntity.created(URI.create("/api/v1/citizens/" + citizen.id()))
        .eTag(Long.toString(citizen.version()))
        .body(citizen);
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read a citizen by its opaque id")
  ResponseEntity<CitizenResponse> get(@PathVariable String id) {
    CitizenResponse citizen = registry.get(id);
    return ResponseEntity.ok().eTag(Long.toString(citizen.version())).body(citizen);
  }
}
