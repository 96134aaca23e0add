package id.go.jemberkab.platform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary directories a test JVM deletes, contents and all, when it exits: a state directory outlives the test
 * that made it otherwise. Not for a running broker's log directory: shutdown hooks run all at once, and a KRaft
 * broker whose log directory disappears under it halts the JVM with an error code, which fails the test run
 * ({@link #brokerDirectory}).
 */
public final class Scratch {

  private static final List<Path> made = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> made.forEach(Scratch::delete), "scratch-cleanup"));
  }

  private Scratch() {
  }

  /** A new directory under the system's temporary directory, deleted when the JVM exits. */
  public static Path directory(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      made.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new directory for an embedded broker's log, deleted when the JVM exits, after {@code stop} (the broker's own
   * stop; it must be safe to call twice) has returned.
   */
  public static Path brokerDirectory(String prefix, java.util.function.Supplier<Runnable> stop) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        Runnable stopping = stop.get();
        if (stopping != null) {
          stopping.run();
        }
        delete(dir);
      }, "scratch-broker-cleanup"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and everything under it; what cannot be deleted (a file still open) stays. */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      tree.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException stillInUse) {
          // left for the system's own temporary-file cleanup
        }
      });
    } catch (IOException | UncheckedIOException gone) {
      // deleted concurrently, or unreadable: nothing more to do
    }
  }
}
