package io.datasipper.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the browser's log ({@code chromium.log} in the data directory) under a size: past it, the
 * log is copied to {@code chromium.log.1} (replacing the previous copy) and emptied in place. The
 * browser holds the file open and appends to it, so moving it away would not stop it growing.
 */
final class ChromiumLog {
  static final String FILE_NAME = "chromium.log";
  private static final Logger LOG = LoggerFactory.getLogger(ChromiumLog.class);

  private final Path file;
  private final long maxBytes;

  /** @param maxBytes 0: never rotated */
  ChromiumLog(Path file, long maxBytes) {
    this.file = file;
    this.maxBytes = maxBytes;
  }

  /** Rotates the log if it is past its size; a failure is logged, never thrown. */
  void rotateIfOver() {
    if (maxBytes <= 0) {
      return;
    }
    try {
      if (Files.size(file) <= maxBytes) {
        return;
      }
      // Lines the browser writes between the copy and the truncation are lost: a few, at worst.
      Files.copy(file, file.resolveSibling(FILE_NAME + ".1"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
    } catch (NoSuchFileException e) {
      // No browser was started in this data directory yet.
    } catch (IOException e) {
      LOG.warn("cannot rotate {}: {}", file, DataDirs.reason(e));
    }
  }
}
