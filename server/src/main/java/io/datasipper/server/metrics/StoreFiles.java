package io.datasipper.server.metrics;

import io.datasipper.store.EventStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What the store takes on disk. */
final class StoreFiles {
  private StoreFiles() {}

  /**
   * Bytes of {@code events.db} and its write-ahead log: committed events sit in the log until SQLite
   * copies them into the file, so the file alone under-reports a busy capture.
   */
  static long sizeBytes(Path dataDir) {
    Path db = dataDir.resolve(EventStore.FILE_NAME);
    return size(db) + size(db.resolveSibling(EventStore.FILE_NAME + "-wal"));
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      return 0; // unreadable now; the next scrape tries again
    }
  }
}
