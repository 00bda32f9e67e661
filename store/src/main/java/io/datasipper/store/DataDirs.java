package io.datasipper.store;

import io.datasipper.api.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Making a data directory ready to write in, private to its owner, with errors that say what is wrong. */
final class DataDirs {
  private static final Set<PosixFilePermission> SHARED = Set.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  /** The shared directories warned of: once each, though each lock and each store open comes here. */
  private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

  /** Less room than this is a full disk for a store: a transaction of a few pages may not fit. */
  private static final long NEARLY_FULL_BYTES = 1024 * 1024;

  /**
   * The logger, made when a warning needs it: logging takes a cold JVM 0.1-0.2 s to start, and sip
   * starts its browser right after taking the data directory's lock, which comes here.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(DataDirs.class);
  }

  private DataDirs() {}

  /**
   * Creates the directory (and its missing parents) 0700 if needed, and checks that it can be
   * written. An existing directory that other users can enter is left as it is (it may be a
   * directory the user shares on purpose, or /tmp) with a warning: the files DataSipper makes in it
   * are private whatever the directory's mode.
   */
  static void create(Path dataDir) throws StoreException {
    try {
      PrivateFiles.createDirectories(dataDir);
    } catch (IOException e) {
      throw notWritable(dataDir, e instanceof FileAlreadyExistsException f
          ? f.getFile() + " exists and is not a directory" : reason(e));
    }
    if (!Files.isWritable(dataDir)) {
      throw notWritable(dataDir, "permission denied");
    }
    Set<PosixFilePermission> mode = mode(dataDir);
    if (mode != null && !Collections.disjoint(mode, SHARED) && WARNED.add(dataDir.toAbsolutePath())) {
      log().warn("data directory {} is open to other users ({}): the captures in it are private, but `chmod 700 {}`"
          + " hides even their names", dataDir, PosixFilePermissions.toString(mode), dataDir);
    }
  }

  /**
   * Makes a file of the store private if an older version (or another program) made it readable by
   * others, saying so once.
   */
  static void keepPrivate(Path file) {
    Set<PosixFilePermission> mode = mode(file);
    if (mode == null || Collections.disjoint(mode, SHARED)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(file, PrivateFiles.FILE);
      log().warn("{} was open to other users ({}); made it private (rw-------)", file, PosixFilePermissions.toString(mode));
    } catch (IOException e) {
      log().warn("{} is open to other users ({}) and cannot be made private: {}", file,
          PosixFilePermissions.toString(mode), reason(e));
    }
  }

  /** The file's POSIX permissions; null if it does not exist or the file system has none. */
  private static Set<PosixFilePermission> mode(Path file) {
    try {
      return Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException | IOException e) {
      return null;
    }
  }

  /**
   * {@code "; its disk is full (N bytes free in D)"} when the directory's file system has next to
   * no room left, else "": SQLite reports a full disk as "database or disk is full" at best, and as
   * a bare I/O error when it cannot even map its shared memory file.
   */
  static String ifDiskFull(Path dir) {
    try {
      long free = Files.getFileStore(dir).getUsableSpace();
      return free < NEARLY_FULL_BYTES ? String.format("; its disk is full (%,d bytes free in %s)", free, dir) : "";
    } catch (IOException e) {
      return "";
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
