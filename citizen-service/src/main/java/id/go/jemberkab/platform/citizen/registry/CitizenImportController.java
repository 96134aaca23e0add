package id.go.jemberkab.platform.citizen.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/citizens/imports}: bulk registration from CSV, with progress and an error report. */
@RestController
@RequestMapping("/api/v1/citizens/imports")
@Tag(name = "Citizen registry")
class CitizenImportController {

  private final CitizenImports imports;

  CitizenImportController(CitizenImports imports) {
    this.imports = imports;
  }

  /** The progress of an import, as clients see it. */
  @Schema(example = """
      {"id":"7a54242f-467d-4a8c-a8a3-cab6927eb0f6","status":"running","bytes":164800064,"rows":120500,
       "imported":120000,"duplicates":450,"rejected":50,"rowsPerSecond":3120.4,"startedAt":"2026-11-27T22:21:21.297Z",
       "updatedAt":"2026-11-27T22:22:00.000Z","finishedAt":null,"failure":null,
       "errorReport":"/api/v1/citizens/imports/7a54242f-467d-4a8c-a8a3-cab6927eb0f6/errors"}""")
  record ImportResponse(String id, String status, long bytes, long rows, long imported, long duplicates,
      long rejected, double rowsPerSecond, Instant startedAt, Instant updatedAt, Instant finishedAt, String failure,
      String errorReport) {

    static ImportResponse of(ImportJobDocument job) {
      Instant end = job.finishedAt() != null ? job.finishedAt() : job.updatedAt();
      double seconds = Math.max(0.001, Duration.between(job.startedAt(), end).toMillis() / 1000.0);
      return new ImportResponse(job.id(), job.status(), job.bytes(), job.rows(), job.imported(), job.duplicates(),
          job.rejected(), Math.round(job.rows() / seconds * 10) / 10.0, job.startedAt(), job.updatedAt(),
          job.finishedAt(), job.failure(), "/api/v1/citizens/imports/" + job.id() + "/errors");
    }
  }

  @PostMapping(consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Import citizens from CSV",
      description = "Header: nik,name,birthDate,sex,desaCode[,address,phone,email]. Answers 202 at once with "
          + "Location of the job; poll it for progress. Bad rows are reported, never stop the good ones; NIKs "
          + "already registered count as duplicates, so sending a file again is safe.")
  ResponseEntity<ImportResponse> start(HttpServletRequest request) throws IOException {
    ImportJobDocument job = imports.start(request.getInputStream());
    return ResponseEntity.accepted().location(URI.create("/api/v1/citizens/imports/" + job.id()))
        .body(ImportResponse.of(job));
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Progress of an import")
  ImportResponse job(@PathVariable String id) {
    return ImportResponse.of(imports.job(id));
  }

  @GetMapping(path = "/{id}/errors", produces = "text/csv")
  @Operation(summary = "Rejected rows of an import as CSV: row,field,code,message (never the values)")
  void errors(@PathVariable String id, HttpServletResponse response) throws IOException {
    imports.job(id);
    response.setContentType("text/csv;charset=UTF-8");
    PrintWriter out = response.getWriter();
    out.println("row,field,code,message");
    imports.errors(id, e -> out.println(e.row() + "," + e.field() + "," + e.code() + ",\""
        + e.message().replace("\"", "\"\"") + "\""));
  }
}
