package id.go.jemberkab.platform.citizen.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Data-subject rights at {@code /api/v1/citizens/{id}}: export ({@code /export}) and erasure ({@code DELETE}). */
@RestController
@RequestMapping(path = "/api/v1/citizens/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Data-subject rights")
class PrivacyController {

  private final DataSubjectRights rights;

  PrivacyController(DataSubjectRights rights) {
    this.rights = rights;
  }

  @GetMapping("/export")
  @Operation(summary = "Export everything held about a citizen (UU PDP right of access)",
      description = "The registry record, consents and their history, service requests and event registrations.")
  ResponseEntity<Map<String, Object>> export(@PathVariable String id) {
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"citizen-" + id + ".json\"")
        .body(rights.export(id));
  }

  @DeleteMapping
  @Operation(summary = "Erase a citizen's personal data on request (UU PDP right to erasure)",
      description = "Removes NIK, name, birth date, sex, address, phone and e-mail; keeps the pseudonymous id so "
          + "published events stay consistent, and emits CitizenErased. Reading the citizen then answers 410.")
  DataSubjectRights.Erasure erase(@PathVariable String id) {
    return rights.erase(id);
  }
}
