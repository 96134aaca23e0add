package id.go.jemberkab.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a test JVM killed before its exit hooks ran leaves behind is deleted by the next one, and nothing else. */
class ScratchTest {

  @Test
  void aDirectoryWhoseOwnerIsGoneIsSweptAndTheOthersStay() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Path abandoned = Files.createTempDirectory("scratch-test");
    Files.writeString(abandoned.resolve("owner.pid"), Long.toString(ended.pid()));
    Files.writeString(Files.createDirectories(abandoned.resolve("work")).resolve("00000000000000000000.log"), "x");
    Path mine = Scratch.directory("scratch-test");
    Path unowned = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "scratch-test"));
    Files.setLastModifiedTime(unowned, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    try {
      Scratch.sweep("scratch-test");

      assertThat(abandoned).doesNotExist();
      assertThat(mine).as("owned by this JVM").exists();
      assertThat(unowned).as("not a name createTempDirectory makes: someone else's").exists();
    } finally {
      Scratch.delete(unowned);
    }
  }
}
