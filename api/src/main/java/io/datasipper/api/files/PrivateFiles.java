package io.datasipper.api.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
   * Writes the file, 0600, in place of any file of that name, all at once and durably: a reader sees
   * the old file or the whole new one, never a part, and a crash leaves the one or the other. The new
   * one is written beside it (a rename is atomic within a directory), flushed, and moved over it.
   */
  public static void replace(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", fileAttributes());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(dir);
  }

  /** Makes a rename durable: until the directory is flushed, a crash may bring the old file back. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every file system lets a directory be opened or flushed; the file itself is on disk.
    }
  }

  /** Writes a new file, 0600; fails if it exists. */
  public static void writeNew(Path file, String text) throws IOException {
    Files.createFile(file, fileAttributes());
    Files.writeString(file, text);
  }
}
