package io.datasipper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What counts as a change of the config file or a file it includes: other bytes, however they got there. */
class ConfigWatcherTest {
  @TempDir Path dir;
  private final Heard heard = new Heard();

  @Test
  void newContentIsOneChange() throws Exception {
    Path file = write("streams: []\n");
    ConfigWatcher watcher = new ConfigWatcher(file);
    watcher.check(heard);
    assertThat(heard.said).as("the content it started with").isEmpty();

    Files.writeString(file, "streams: [] # edited\n");
    watcher.check(heard);
    watcher.check(heard);
    assertThat(heard.said).containsExactly("changed");
  }

  @Test
  void anAtomicRenameOverTheFileIsAChange() throws Exception {
    Path file = write("a: 1\n");
    ConfigWatcher watcher = new ConfigWatcher(file);
    Path saved = Files.writeString(dir.resolve(".datasipper.yaml.swp"), "a: 2\n");
    Files.move(saved, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    watcher.check(heard);
    assertThat(heard.said).containsExactly("changed");
  }

  @Test
  void aNewModificationTimeWithTheSameContentIsNoChange() throws Exception {
    Path file = write("a: 1\n");
    ConfigWatcher watcher = new ConfigWatcher(file);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(3600)));
    watcher.check(heard);
    Files.writeString(file, "a: 1\n");
    watcher.check(heard);
    assertThat(heard.said).isEmpty();
  }

  @Test
  void newContentUnderTheOldModificationTimeIsAChange() throws Exception {
    Path file = write("a: 1\n");
    FileTime before = Files.getLastModifiedTime(file);
    ConfigWatcher watcher = new ConfigWatcher(file);
    Files.writeString(file, "a: 2\n");
    Files.setLastModifiedTime(file, before);
    watcher.check(heard);
    assertThat(heard.said).containsExactly("changed");
  }

  @Test
  void aDeletionIsToldOnceAndTheFileComingBackIsAChange() throws Exception {
    Path file = write("a: 1\n");
    ConfigWatcher watcher = new ConfigWatcher(file);
    Files.delete(file);
    watcher.check(heard);
    assertThat(heard.said).as("one miss may be a save that renames in a new file").isEmpty();
    watcher.check(heard);
    watcher.check(heard);
    assertThat(heard.said).containsExactly("deleted");

    write("a: 1\n");
    watcher.check(heard);
    assertThat(heard.said).containsExactly("deleted", "changed");
  }

  @Test
  void aFileMissingForOneLookIsNoDeletion() throws Exception {
    Path file = write("a: 1\n");
    ConfigWatcher watcher = new ConfigWatcher(file);
    Files.delete(file);
    watcher.check(heard);
    write("a: 1\n");
    watcher.check(heard);
    assertThat(heard.said).isEmpty();
  }

  @Test
  void anIncludedFileWithOtherBytesThanTheConfigReadIsOneChange() throws Exception {
    Path file = write("streams: []\n");
    Path js = Files.writeString(dir.resolve("t.js"), "function transform(e) { return e; }\n");
    ConfigWatcher watcher = new ConfigWatcher(file);
    watcher.include(Map.of(js, FileDigest.of(Files.readAllBytes(js))));
    watcher.check(heard);
    assertThat(heard.said).isEmpty();

    Files.writeString(js, "function transform(e) { return null; }\n");
    watcher.check(heard);
    watcher.check(heard);
    assertThat(heard.said).containsExactly("changed");

    Files.delete(js);
    watcher.check(heard);
    watcher.check(heard);
    assertThat(heard.said).as("gone: the loader will say it cannot read it").containsExactly("changed", "changed");
  }

  @Test
  void anIncludedFileEditedWhileTheConfigWasReadIsAChange() throws Exception {
    Path file = write("streams: []\n");
    Path js = Files.writeString(dir.resolve("t.js"), "function transform(e) { return e; }\n");
    String read = FileDigest.of(Files.readAllBytes(js));
    Files.writeString(js, "function transform(e) { return null; }\n"); // after the read, before include
    ConfigWatcher watcher = new ConfigWatcher(file);
    watcher.include(Map.of(js, read));
    watcher.check(heard);
    assertThat(heard.said).containsExactly("changed");
  }

  @Test
  void onceStartedItLooksByItself() throws Exception {
    Path file = write("a: 1\n");
    try (ConfigWatcher watcher = new ConfigWatcher(file)) {
      watcher.start(heard);
      Path saved = Files.writeString(dir.resolve("new.yaml"), "a: 2\n");
      Files.move(saved, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (heard.said.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    assertThat(heard.said).containsExactly("changed");
  }

  private Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("datasipper.yaml"), yaml);
  }

  private static final class Heard implements ConfigWatcher.Listener {
    final List<String> said = new CopyOnWriteArrayList<>();

    @Override
    public void changed() {
      said.add("changed");
    }

    @Override
    public void deleted() {
      said.add("deleted");
    }
  }
}
