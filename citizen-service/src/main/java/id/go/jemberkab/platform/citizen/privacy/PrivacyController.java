package id.go.jemberkab.platform.citizen.privacy;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
  @ApiResponse(responseCode = "200", description = "Everything held about the citizen", content = @Content(
      mediaType = "application/json", examples = @ExampleObject(value = """
          {"exportedAt":"2026-11-27T04:00:00Z","controller":"Pemerintah Kabupaten Jember — citizen-service",
           "citizen":{"id":"bd404486-66c8-4b21-8a09-7b2944332473","nik":"3509191708900001","name":"Budi Santoso",
           "birthDate":"1990-08-17","sex":"MALE","desaCode":"35.09.19.1001","kecamatanCode":"35.09.19","version":3},
           "consents":{"consents":[{"purpose":"research","granted":false,"changedAt":"2026-11-27T03:00:00Z"}],
           "history":[{"purpose":"research","granted":false,"at":"2026-11-27T03:00:00Z","source":"portal"}]},
           "serviceRequests":[],"eventRegistrations":[]}""")))
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
