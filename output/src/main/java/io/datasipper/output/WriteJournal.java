package io.datasipper.output;

import io.datasipper.api.files.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the file output is about to write, kept beside the file ({@code .NAME.datasipper}) and saved
 * before the bytes themselves: which file (its device and inode), its length before the write and
 * its length once the write is done. After a crash, a file whose length lies strictly between the
 * two was cut short by DataSipper's own write, and only those bytes are trimmed; a file of any other
 * length was changed by someone else and is left as it is.
 *
 * <p>The length is kept here rather than with the output's cursor in {@code events.db}: the cursor
 * is saved after a batch is delivered, while this must be durable before the write starts, and it
 * describes the file, which may be used from another data directory or moved without it.
 */
final class WriteJournal implements AutoCloseable {
  private final FileChannel channel;

  /** The write last announced: of file {@code fileKey}, from length {@code from} to length {@code to}. */
  record Entry(String fileKey, long from, long to) {
    String line() {
      return fileKey + " " + from + " " + to + "\n";
    }

    static Entry parse(String text) {
      String[] parts = text.strip().split(" ");
      if (parts.length != 3) {
        return null;
      }
      try {
        return new Entry(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  private WriteJournal(FileChannel channel) {
    this.channel = channel;
  }

  static Path pathFor(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".datasipper");
  }

  static WriteJournal open(Path file) throws IOException {
    Path path = pathFor(file);
    PrivateFiles.createFile(path);
    return new WriteJournal(FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  /** The last write announced, or null when there is none or it cannot be read. */
  Entry last() throws IOException {
    long size = channel.size();
    if (size == 0 || size > 1024) {
      return null;
    }
    ByteBuffer text = ByteBuffer.allocate((int) size);
    while (text.hasRemaining() && channel.read(text, text.position()) >= 0) {
      // read it all
    }
    return Entry.parse(new String(text.array(), 0, text.position(), StandardCharsets.UTF_8));
  }

  /** Saves the write about to be made; forced to the disk when {@code force}, before the write is. */
  void announce(Entry entry, boolean force) throws IOException {
    ByteBuffer line = StandardCharsets.UTF_8.encode(entry.line());
    int length = line.remaining();
    long at = 0;
    while (line.hasRemaining()) {
      at += channel.write(line, at);
    }
    channel.truncate(length);
    if (force) {
      channel.force(false);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
