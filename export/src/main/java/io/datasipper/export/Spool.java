package io.datasipper.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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

  byte[] read(long position) throws IOException {
    DataInputStream in = readerAt(position);
    return opened(position, in.readNBytes(in.readInt()));
  }

  /** Reads the records that lie between {@code from} and {@code to}, in order. */
  void forEach(long from, long to, RecordConsumer each) throws IOException {
    DataInputStream in = readerAt(from);
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

  private DataInputStream readerAt(long position) throws IOException {
    out.flush();
    return new DataInputStream(new BufferedInputStream(new PositionalInput(channel, position), 1 << 16));
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
