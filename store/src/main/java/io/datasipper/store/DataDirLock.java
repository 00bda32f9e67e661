package io.datasipper.store;

import io.datasipper.api.files.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Says that one process writes a part of a data directory: a lock file held with an OS lock, which
 * the OS releases when the process ends however it ends (a crash, SIGKILL), so a lock is never
 * left behind. The file holds the holder's pid and command, for the message a second writer gets,
 * and when the holder started, so that a process later given a killed holder's pid is not taken for it.
 *
 * <p>Readers take no lock: SQLite lets them read beside the writers.
 */
public final class DataDirLock implements AutoCloseable {
  /** The parts of a data directory that one process at a time may write. */
  public enum Kind {
    /** The numbering of stored events ({@code seq}) and the browser's {@code profile/}. */
    CAPTURE("capture.lock"),
    /** The outputs' cursors, dead letters and statistics. */
    PIPELINE("pipeline.lock");

    private final String fileName;

    Kind(String fileName) {
      this.fileName = fileName;
    }

    public String fileName() {
      return fileName;
    }
  }

  /** How long to wait for a holder that has just taken the lock to write its pid. */
  private static final long HOLDER_WRITE_WAIT_MS = 1_000;

  private static final String STARTED = "started ";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code kind} in {@code dataDir} for {@code command}, creating the directory
   * and the lock file as needed; never waits for another holder.
   *
   * @throws StoreException {@code data directory D is in use by pid N (command)} if another process
   *     (or another part of this one) holds it, or naming the file if it cannot be made or locked
   */
  public static DataDirLock acquire(Path dataDir, Kind kind, String command) throws StoreException {
    DataDirs.create(dataDir);
    Path file = dataDir.resolve(kind.fileName());
    FileChannel channel;
    try {
      channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE), PrivateFiles.fileAttributes());
    } catch (IOException e) {
      throw new StoreException("cannot open the lock file " + file + ": " + DataDirs.reason(e), e);
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this process holds it already
      }
      if (lock == null) {
        throw new StoreException("data directory " + dataDir + " is in use by " + holder(channel));
      }
      channel.truncate(0);
      ProcessHandle self = ProcessHandle.current();
      String started = self.info().startInstant().map(at -> STARTED + at.toEpochMilli() + "\n").orElse("");
      channel.write(ByteBuffer.wrap((self.pid() + " " + command + "\n" + started)
          .getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("cannot lock " + file + ": " + DataDirs.reason(e), e);
    } catch (StoreException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * The process that holds the lock of {@code kind} in {@code dataDir}, as {@code pid N (command)};
   * empty if none does. Read from what the holder wrote, without taking the lock: a process taking
   * it meanwhile would be refused. A holder that ended cleanly emptied the file; one that was
   * killed left its pid and start, which then name no live process: a process given the same pid
   * later started later. Where the OS does not tell when a process started, a live pid is taken
   * for the holder.
   *
   * @throws StoreException naming the lock file if it exists but cannot be read
   */
  public static Optional<String> holder(Path dataDir, Kind kind) throws StoreException {
    Path file = dataDir.resolve(kind.fileName());
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read the lock file " + file + ": " + DataDirs.reason(e), e);
    }
    int space = text.indexOf(' ');
    int end = text.indexOf('\n');
    if (space <= 0 || end < space) {
      return Optional.empty(); // emptied by a holder that ended, or being written by one that starts
    }
    long pid;
    try {
      pid = Long.parseLong(text.substring(0, space));
    } catch (NumberFormatException e) {
      return Optional.empty(); // no file a holder wrote
    }
    Optional<Instant> started = startWritten(text.substring(end + 1));
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> started.isEmpty() || ProcessStart.startedAt(p, started.get()))
        .map(p -> "pid " + pid + " (" + text.substring(space + 1, end) + ")");
  }

  /** The holder's start, from the line after its pid and command; empty if the OS did not tell it. */
  private static Optional<Instant> startWritten(String rest) {
    if (!rest.startsWith(STARTED) || rest.indexOf('\n') < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(rest.substring(STARTED.length(), rest.indexOf('\n')))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code pid N (command)}, as the holder wrote it; it writes just after taking the lock. */
  private static String holder(FileChannel channel) throws IOException {
    long deadline = System.nanoTime() + HOLDER_WRITE_WAIT_MS * 1_000_000;
    while (true) {
      ByteBuffer buffer = ByteBuffer.allocate(512);
      channel.read(buffer, 0);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      int space = text.indexOf(' ');
      int end = text.indexOf('\n');
      if (space > 0 && end > space) {
        return "pid " + text.substring(0, space) + " (" + text.substring(space + 1, end) + ")";
      }
      if (System.nanoTime() > deadline) {
        return "another process";
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "another process";
      }
    }
  }

  /**
   * Releases the lock. The file stays, emptied: deleting it would let a process that opened it just
   * before lock a file no one else can see any more, while a third locks a new one.
   */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
    } catch (IOException e) {
      // The lock goes with the channel below, and with the process at the latest.
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing releases the lock; a channel that cannot even close holds nothing we could free.
    }
  }
}
