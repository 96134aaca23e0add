package id.go.jemberkab.platform.citizen.registry;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The progress of one CSV import, updated after every batch. */
@Document(ImportJobDocument.COLLECTION)
record ImportJobDocument(@Id String id, String status, long bytes, long rows, long imported, long duplicates,
    long rejected, Instant startedAt, Instant updatedAt, Instant finishedAt, String failure) {

  static final String COLLECTION = "citizen_imports";
  static final String RUNNING = "running";
  static final String COMPLETED = "completed";
  static final String FAILED = "failed";
  static final String INTERRUPTED = "interrupted";
}
