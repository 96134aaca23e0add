package id.go.jemberkab.platform.citizen.registry;

import com.mongodb.MongoCommandException;
import id.go.jemberkab.platform.problems.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;

/**
 * Creates an index, or replaces an older index of the same name whose options changed (MongoDB answers
 * 85 IndexOptionsConflict or 86 IndexKeySpecsConflict): a database written by an earlier version keeps
 * working after an upgrade instead of stopping the service at start. A unique index that duplicated keys keep from
 * being built stops the start with an error that does not quote them (a NIK, an e-mail address).
 */
public final class IndexMigration {

  private static final Logger log = LoggerFactory.getLogger(IndexMigration.class);

  private IndexMigration() {
  }

  public static void ensure(IndexOperations indexes, Index index, String name) {
    try {
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
    } catch (RuntimeException e) {
      if (duplicateKey(e)) {
        // the server's message quotes the duplicated key (a NIK), and Spring Boot logs a failed start in full
        throw new IllegalStateException("unique index " + name + " cannot be built: the collection holds documents "
            + "with the same key (restored or merged data?); merge or remove them, then start again",
            ProblemResponses.withoutMessages(e));
      }
      throw e;
    }
  }

  private static boolean duplicateKey(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof org.springframework.dao.DuplicateKeyException
          || cause instanceof com.mongodb.MongoServerException server && server.getCode() == 11000) {
        return true;
      }
    }
    return false;
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
