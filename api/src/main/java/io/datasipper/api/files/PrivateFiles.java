package io.datasipper.api.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories that hold captured traffic, made for their owner alone (0600 and 0700, as
 * ssh and gpg make theirs): captures hold cookies, tokens and private pages, and a shared machine's
 * default umask would let every user read them. On a file system without POSIX permissions they
 * are made with its defaults.
 */
public final class PrivateFiles {
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateFiles() {}

  /** For {@code Files.newByteChannel}, {@code FileChannel.open} and the like: a new file is made 0600. */
  public static FileAttribute<?>[] fileAttributes() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }

  /** Creates the directory and any missing parents 0700; those that exist are left as they are. */
  public static void createDirectories(Path dir) throws IOException {
    if (POSIX) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } else {
      Files.createDirectories(dir);
    }
  }

  /** Creates an empty file 0600 unless it exists. */
  public static void createFile(Path file) throws IOException {
    try {
      Files.createFile(file, fileAttributes());
    } catch (FileAlreadyExistsException e) {
      // kept as it is: another run made it
    }
  }

  /**
   * Writes the file, 0600, in place of any file of that name, all at once: a reader sees the old file
   * or the whole new one, never a part (the new one is written beside it, then moved over it).
   */
  public static void replace(Path file, String text) throws IOException {
    Path part = file.resolveSibling(file.getFileName() + ".part");
    Files.deleteIfExists(part);
    writeNew(part, text);
    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes a new file, 0600; fails if it exists. */
  public static void writeNew(Path file, String text) throws IOException {
    Files.createFile(file, fileAttributes());
    Files.writeString(file, text);
  }
}
