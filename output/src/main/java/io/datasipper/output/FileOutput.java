package io.datasipper.output;

import io.datasipper.api.files.PrivateFiles;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;

/**
 * Appends records as JSON lines; a batch counts as delivered once written (and forced, with fsync).
 *
 * <p>Only bytes this output wrote itself are ever removed: those of a write that failed half-way
 * (a full disk), at once, and those of a write a crash cut short, at the next start, as told by the
 * {@link WriteJournal}. A file that already ends without a newline keeps its last line; the first
 * record goes on a line of its own after it.
 */
final class FileOutput implements Output {
  /** Opens the file for appending, creating it if absent; a test replaces it to inject disk faults. */
  @FunctionalInterface
  interface Opener {
    FileChannel open(Path path) throws IOException;

    Opener DISK = path -> FileChannel.open(path,
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
        PrivateFiles.fileAttributes());
  }

  private final Path path;
  private final long maxBytes;
  private final int maxFiles;
  private final boolean fsync;
  private final Opener opener;
  private FileChannel channel;
  private WriteJournal journal;
  private String fileKey;
  /** The file's length after the last whole write: everything up to here is whole lines. */
  private long length;
  /** A failed write may have left bytes past {@link #length}: they are ours to remove. */
  private boolean tornTail;
  /** The file ended in a line without a newline that is not ours: the next write starts a new line. */
  private boolean needsNewline;

  FileOutput(Path path, long maxBytes, int maxFiles, boolean fsync, Opener opener) {
    this.path = path;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    this.fsync = fsync;
    this.opener = opener;
  }

  @Override
  public void start() throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null) {
      PrivateFiles.createDirectories(dir);
    }
    journal = WriteJournal.open(path);
    open();
    WriteJournal.Entry last = journal.last();
    if (last != null && last.fileKey().equals(fileKey) && last.from() < length && length < last.to()) {
      channel.truncate(last.from()); // a write of ours a crash cut short: its records come again
      length = last.from();
    }
    needsNewline = length > 0 && lastByte() != '\n';
  }

  private void open() throws IOException {
    channel = opener.open(path);
    fileKey = String.valueOf(Files.readAttributes(path, BasicFileAttributes.class).fileKey()).replace(' ', '_');
    length = channel.size();
    tornTail = false;
  }

  private byte lastByte() throws IOException {
    try (FileChannel read = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      read.read(one, length - 1);
      return one.get(0);
    }
  }

  @Override
  public WriteResult write(List<OutputRecord> batch) throws IOException {
    if (!channel.isOpen()) {
      open(); // a rotation failed half-way: go on with whichever file is at path now
    }
    if (tornTail) {
      channel.truncate(length);
      tornTail = false;
    }
    ByteBuffer bytes = lines(batch);
    if (length > 0 && length + bytes.remaining() > maxBytes) {
      rotate();
      bytes = lines(batch);
    }
    long end = length + bytes.remaining();
    journal.announce(new WriteJournal.Entry(fileKey, length, end), fsync);
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      if (fsync) {
        channel.force(false);
      }
    } catch (IOException e) {
      tornTail = true;
      removeTornTail();
      return WriteResult.retry(0, "cannot write to " + path + ": " + e.getMessage());
    }
    length = end;
    needsNewline = false;
    return WriteResult.allDelivered(batch.size());
  }

  /** The batch as JSON lines, after a newline when the file ends in a line that is not ours. */
  private ByteBuffer lines(List<OutputRecord> batch) {
    int size = needsNewline ? 1 : 0;
    for (OutputRecord r : batch) {
      size += r.jsonUtf8().length + 1;
    }
    ByteBuffer bytes = ByteBuffer.allocate(size);
    if (needsNewline) {
      bytes.put((byte) '\n');
    }
    for (OutputRecord r : batch) {
      bytes.put(r.jsonUtf8()).put((byte) '\n');
    }
    return bytes.flip();
  }

  /** Cuts what a failed write left, now if the disk lets us, else before the next write. */
  private void removeTornTail() {
    try {
      channel.truncate(length);
      tornTail = false;
    } catch (IOException later) {
      // still marked torn: the next write or start removes it
    }
  }

  /** path.(n-1) becomes path.n, ..., path becomes path.1; the oldest beyond max_files goes. */
  private void rotate() throws IOException {
    channel.close();
    Files.deleteIfExists(rotated(maxFiles));
    for (int i = maxFiles - 1; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    open();
    needsNewline = false;
  }

  private Path rotated(int n) {
    return path.resolveSibling(path.getFileName() + "." + n);
  }

  @Override
  public void stop() {
    closeQuietly(channel);
    closeQuietly(journal);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // the records written so far are already in the file
      }
    }
  }
}
