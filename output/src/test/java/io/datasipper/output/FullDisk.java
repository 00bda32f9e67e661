package io.datasipper.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A disk with room for a set number of bytes more: the file channels it opens write up to that
 * room and then fail as a full disk does, after writing part of the buffer. {@link #free} makes
 * room again. {@link #crashOnFull} makes a full disk look like a process killed mid-write: the
 * truncation that would clean up fails too.
 */
final class FullDisk implements FileOutput.Opener {
  private long room = Long.MAX_VALUE;
  private boolean crash;

  void fillAfter(long bytes) {
    room = bytes;
  }

  void crashOnFull() {
    crash = true;
  }

  void free() {
    room = Long.MAX_VALUE;
    crash = false;
  }

  @Override
  public FileChannel open(Path path) throws IOException {
    return new Channel(FileOutput.Opener.DISK.open(path));
  }

  private final class Channel extends FileChannel {
    private final FileChannel file;

    Channel(FileChannel file) {
      this.file = file;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (room >= src.remaining()) {
        room -= src.remaining();
        return file.write(src);
      }
      ByteBuffer part = src.slice(src.position(), (int) room);
      int written = file.write(part);
      src.position(src.position() + written);
      room = 0;
      throw new IOException("No space left on device");
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      if (crash) {
        throw new IOException("the process was killed");
      }
      file.truncate(size);
      return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      throw new UnsupportedOperationException("the file output writes one buffer at a time");
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
      file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new UnsupportedOperationException("the file output writes one buffer at a time");
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) {
      throw new UnsupportedOperationException("the file output appends");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }
}
