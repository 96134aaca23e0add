package id.go.jemberkab.platform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary directories of test JVMs, deleted contents and all: a broker's log or a state directory outlives the
 * test that made it otherwise. Each holds the directory the caller uses ({@code work}) and a file naming the process
 * that owns it. The JVM deletes its own when it exits; a JVM killed before its shutdown hooks finished (Surefire
 * gives a fork 30 s to exit) leaves its directories behind, and the next test JVM that asks for the same kind deletes
 * those whose owner is gone.
 */
public final class Scratch {

  private static final String OWNER = "owner.pid";
  /** A directory of this kind without an owner file (made before owners were written) is abandoned after this. */
  private static final Duration UNOWNED_AFTER = Duration.ofHours(1);
  private static final List<Path> made = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> made.forEach(Scratch::release), "scratch-cleanup"));
  }

  private Scratch() {
  }

  /** A new directory under the system's temporary directory, deleted when the JVM exits. */
  public static Path directory(String prefix) {
    Path dir = owned(prefix);
    made.add(dir);
    return dir.resolve("work");
  }

  /**
   * A new directory for something that writes to it until stopped (an embedded broker's log), made by {@code make}
   * from the directory and deleted when the JVM exits, after {@code stop} has returned. Not {@link #directory}:
   * shutdown hooks run all at once, and a KRaft broker whose log directory disappears under it halts the JVM with
   * an error code, failing the test run.
   */
  public static <T> T owning(String prefix, java.util.function.Function<Path, T> make,
      java.util.function.Consumer<T> stop) {
    Path dir = owned(prefix);
    T user = make.apply(dir.resolve("work"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.accept(user);
      release(dir);
    }, "scratch-cleanup-" + prefix));
    return user;
  }

  private static Path owned(String prefix) {
    try {
      sweep(prefix);
      Path dir = Files.createTempDirectory(prefix);
      Files.writeString(dir.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
      Files.createDirectories(dir.resolve("work"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the directories of this kind whose owning process has ended. */
  static void sweep(String prefix) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> dirs = Files.list(tmp)) {
      // the prefix and the digits createTempDirectory adds, nothing else: /tmp/analytics-views (no digits) is the
      // default state directory of a running analytics-service
      java.util.regex.Pattern ours = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix) + "\\d+");
      dirs.filter(d -> ours.matcher(d.getFileName().toString()).matches() && Files.isDirectory(d))
          .filter(Scratch::abandoned).forEach(Scratch::delete);
    } catch (IOException | UncheckedIOException unreadable) {
      // nothing swept: the next JVM tries again
    }
  }

  private static boolean abandoned(Path dir) {
    try {
      Path owner = dir.resolve(OWNER);
      if (Files.exists(owner)) {
        long pid = Long.parseLong(Files.readString(owner).strip());
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
      }
      return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(UNOWNED_AFTER));
    } catch (IOException | NumberFormatException unreadable) {
      return false;
    }
  }

  /**
   * Deletes an owned directory: its work first, the owner file last. What is still being written as the JVM exits
   * (a Kafka Streams store closing) may survive; the owner file then stays with it, and the next sweep, finding the
   * owner gone, deletes the rest.
   */
  private static void release(Path dir) {
    delete(dir.resolve("work"));
    if (!Files.exists(dir.resolve("work"))) {
      delete(dir);
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
          // left for the next sweep
        }
      });
    } catch (IOException | UncheckedIOException gone) {
      // deleted concurrently, or unreadable: nothing more to do
    }
  }
}
