package io.datasipper.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only temporary file of length-prefixed records. An export parks event data here
 * during its one pass over the store, so that memory holds positions instead of bodies and
 * messages. The file is deleted on close. A sealed spool holds its records encrypted (see {@link SpoolSeal}).
 */
final class Spool implements Closeable {
  /** Reads the records of a spool one after the other. */
  @FunctionalInterface
  interface RecordConsumer {
    void accept(byte[] record) throws IOException;
  }

  private final FileChannel channel;
  private final DataOutputStream out;
  private final SpoolSeal seal;
  private long size;

  /** @param seal what seals each record; null to keep them as they are */
  Spool(Path dir, SpoolSeal seal) throws IOException {
    this.seal = seal;
    Path file = Files.createTempFile(dir, ".datasipper-export-", ".spool");
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
        StandardOpenOption.DELETE_ON_CLOSE);
    out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
  }

  /** Appends a record and returns its position. */
  long append(byte[] record) throws IOException {
    long position = size;
    byte[] stored = seal == null ? record : seal.seal(position, record);
    out.writeInt(stored.length);
    out.write(stored);
    size += Integer.BYTES + stored.length;
    return position;
  }

  /** The position the next record will get, i.e. where the last appended record ends. */
  long end() {
    return size;
  }

  /** Reads one record with exactly its bytes: records read one at a time leave a buffer nothing to read ahead for. */
  byte[] read(long position) throws IOException {
    out.flush();
    ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
    readFully(length, position);
    byte[] stored = new byte[length.getInt(0)];
    readFully(ByteBuffer.wrap(stored), position + Integer.BYTES);
    return opened(position, stored);
  }

  /** Reads the records that lie between {@code from} and {@code to}, in order. */
  void forEach(long from, long to, RecordConsumer each) throws IOException {
    DataInputStream in = readerAt(from, to);
    for (long position = from; position < to; ) {
      byte[] stored = in.readNBytes(in.readInt());
      byte[] record = opened(position, stored);
      position += Integer.BYTES + stored.length;
      each.accept(record);
    }
  }

  private byte[] opened(long position, byte[] stored) throws IOException {
    return seal == null ? stored : seal.open(position, stored);
  }

  /**
   * A reader of the records between two positions. Its buffer is no larger than they are: a
   * stream's messages lie in many short runs between other records, and reading 64 KB for each
   * would read the spool many times over.
   */
  private DataInputStream readerAt(long from, long to) throws IOException {
    out.flush();
    int buffer = (int) Math.max(1, Math.min(1 << 16, to - from));
    return new DataInputStream(new BufferedInputStream(new PositionalInput(channel, from), buffer));
  }

  private void readFully(ByteBuffer into, long position) throws IOException {
    for (long at = position; into.hasRemaining(); ) {
      int n = channel.read(into, at);
      if (n < 0) {
        throw new EOFException("the spool ends at " + at + " inside the record at " + position);
      }
      at += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Reads from a position without moving the channel's own position, which appends use. */
  private static final class PositionalInput extends InputStream {
    private final FileChannel channel;
    private long position;

    PositionalInput(FileChannel channel, long position) {
      this.channel = channel;
      this.position = position;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = channel.read(ByteBuffer.wrap(b, off, len), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }
}
