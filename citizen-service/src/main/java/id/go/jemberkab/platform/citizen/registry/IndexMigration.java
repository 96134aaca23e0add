package id.go.jemberkab.platform.citizen.registry;

import com.mongodb.MongoCommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;

/**
 * Creates an index, or replaces an older index of the same name whose options changed (MongoDB answers
 * 85 IndexOptionsConflict or 86 IndexKeySpecsConflict): a database written by an earlier version keeps
 * working after an upgrade instead of stopping the service at start.
 */
final class IndexMigration {

  private static final Logger log = LoggerFactory.getLogger(IndexMigration.class);

  private IndexMigration() {
  }

  static void ensure(IndexOperations indexes, Index index, String name) {
    try {
      indexes.createIndex(index);
    } catch (RuntimeException e) {
      if (!optionsChanged(e)) {
        throw e;
      }
      log.warn("index {} exists with other options; rebuilding it with the current ones", name);
      indexes.dropIndex(name);
      indexes.createIndex(index);
    }
  }

  private static boolean optionsChanged(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MongoCommandException command && (command.getErrorCode() == 85
          || command.getErrorCode() == 86)) {
        return true;
      }
    }
    return false;
  }
}
