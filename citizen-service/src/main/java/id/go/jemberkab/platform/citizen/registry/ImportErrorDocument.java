package id.go.jemberkab.platform.citizen.registry;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One rejected row of an import: where and why, never the row's values. */
@Document(ImportErrorDocument.COLLECTION)
record ImportErrorDocument(@Id String id, String jobId, long row, String field, String code, String message) {

  static final String COLLECTION = "citizen_import_errors";
}
