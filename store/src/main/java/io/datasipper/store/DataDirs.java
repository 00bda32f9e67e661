package io.datasipper.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Making a data directory ready to write in, with errors that say what is wrong. */
final class DataDirs {
  private DataDirs() {}

  /** Creates the directory (and its parents) if needed, and checks that it can be written. */
  static void create(Path dataDir) throws StoreException {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw notWritable(dataDir, e instanceof FileAlreadyExistsException f
          ? f.getFile() + " exists and is not a directory" : reason(e));
    }
    if (!Files.isWritable(dataDir)) {
      throw notWritable(dataDir, "permission denied");
    }
  }

  /** What went wrong, without Java's class names: {@code permission denied for F}, {@code F: No space left on device}. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException a) {
      return "permission denied for " + a.getFile();
    }
    if (e instanceof FileSystemException f) {
      return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
    }
    return e.toString();
  }

  private static StoreException notWritable(Path dataDir, String why) {
    return new StoreException("data directory " + dataDir + " is not writable: " + why);
  }
}
