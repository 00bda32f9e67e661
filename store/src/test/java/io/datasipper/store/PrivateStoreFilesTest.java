package io.datasipper.store;

import static io.datasipper.store.TestEvents.http;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's files hold captured traffic: only their owner may read them, whatever the umask. */
class PrivateStoreFilesTest {
  @TempDir Path dir;

  @Test
  void aNewDataDirectoryAndEveryFileOfItsStoreAreForTheirOwnerAlone() throws Exception {
    Path dataDir = dir.resolve("home/.datasipper/default");
    List<DataDirLock> locks = List.of(DataDirLock.acquire(dataDir, DataDirLock.Kind.CAPTURE, "sip"),
        DataDirLock.acquire(dataDir, DataDirLock.Kind.PIPELINE, "sip"));
    try (EventStore store = EventStore.open(dataDir)) {
      store.insert(List.of(http(1, "http://a/")));
      for (String file : List.of("events.db", "events.db-wal", "events.db-shm", "capture.lock", "pipeline.lock")) {
        assertThat(mode(dataDir.resolve(file))).as(file).isEqualTo("rw-------");
      }
      assertThat(mode(dataDir)).isEqualTo("rwx------");
      assertThat(mode(dir.resolve("home/.datasipper"))).as("a parent it made").isEqualTo("rwx------");
    } finally {
      locks.forEach(DataDirLock::close);
    }
  }

  @Test
  void aStoreAnOlderVersionLeftReadableByOthersIsMadePrivate() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(http(1, "http://a/")));
    }
    Files.setPosixFilePermissions(dir.resolve("events.db"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (EventStore store = EventStore.open(dir)) {
      assertThat(store.maxSeq()).isEqualTo(1);
    }
    assertThat(mode(dir.resolve("events.db"))).isEqualTo("rw-------");
    assertThat(mode(dir)).as("a directory it did not make keeps its mode: it may be shared on purpose, or /tmp")
        .isEqualTo("rwxr-xr-x");
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
