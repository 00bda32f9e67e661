package io.datasipper.output;

import io.datasipper.api.files.PrivateFiles;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/** Appends records as JSON lines; a batch counts as delivered once written (and forced, with fsync). */
final class FileOutput implements Output {
  private final Path path;
  private final long maxBytes;
  private final int maxFiles;
  private final boolean fsync;
  private FileChannel channel;
  private long size;

  FileOutput(Path path, long maxBytes, int maxFiles, boolean fsync) {
    this.path = path;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    this.fsync = fsync;
  }

  @Override
  public void start() throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null) {
      PrivateFiles.createDirectories(dir);
    }
    dropTornLastLine();
    open();
  }

  /**
   * A process killed while writing can leave the file's last line cut short. Its records were never
   * reported delivered, so they come again; appending after the cut would run them into one broken
   * line, so the cut line goes first.
   */
  private void dropTornLastLine() throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer block = ByteBuffer.allocate(64 * 1024);
      long end = file.size();
      if (end == 0 || lastByte(file, end) == '\n') {
        return;
      }
      while (end > 0) {
        long from = Math.max(0, end - block.capacity());
        block.clear().limit((int) (end - from));
        while (block.hasRemaining() && file.read(block, from + block.position()) >= 0) {
          // read the whole block
        }
        for (int i = block.position() - 1; i >= 0; i--) {
          if (block.get(i) == '\n') {
            file.truncate(from + i + 1);
            return;
          }
        }
        end = from;
      }
      file.truncate(0); // one line, and it is cut short
    }
  }

  private static byte lastByte(FileChannel file, long size) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    file.read(one, size - 1);
    return one.get(0);
  }

  private void open() throws IOException {
    // Private, as the store is: the records are captured traffic.
    channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND), PrivateFiles.fileAttributes());
    size = channel.size();
  }

  @Override
  public WriteResult write(List<OutputRecord> batch) throws IOException {
    StringBuilder lines = new StringBuilder(batch.size() * 256);
    for (OutputRecord r : batch) {
      lines.append(r.json()).append('\n');
    }
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(lines.toString());
    if (size > 0 && size + bytes.remaining() > maxBytes) {
      rotate();
    }
    size += bytes.remaining();
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    if (fsync) {
      channel.force(false);
    }
    return WriteResult.allDelivered(batch.size());
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
  }

  private Path rotated(int n) {
    return path.resolveSibling(path.getFileName() + "." + n);
  }

  @Override
  public void stop() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the records written so far are already in the file
      }
    }
  }
}
