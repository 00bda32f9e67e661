package io.datasipper.server.health;

import io.datasipper.store.EventStore;
import io.datasipper.store.WriterStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code store} component: up while the events can be read and written. Down when the capture's
 * store writer failed its last write (a full disk, say: its message names the store), when the
 * data directory's disk has less than {@link #MIN_FREE_BYTES} left, when {@code events.db} cannot be
 * written, or when reading the store fails. The check writes nothing: a probe row would cost a
 * commit on every {@code /readyz} and show up in the data, while the writer already reports how its
 * last real write went.
 */
public final class StoreHealth implements HealthCheck {
  static final String NAME = "store";
  /** Below this SQLite cannot even write its journal; the store module warns at the same level. */
  static final long MIN_FREE_BYTES = 1024 * 1024;

  private final EventStore store;
  private final Path dataDir;
  private final Supplier<WriterStats> writer;

  private StoreHealth(EventStore store, Path dataDir, Supplier<WriterStats> writer) {
    this.store = store;
    this.dataDir = dataDir;
    this.writer = writer;
  }

  /** For a command that captures: the store writer's last write counts first. */
  public static StoreHealth withWriter(EventStore store, Path dataDir, Supplier<WriterStats> writerStats) {
    return new StoreHealth(store, dataDir, writerStats);
  }

  /** For {@code serve}: no capture writes here, so the disk and the file are what can be told. */
  public static StoreHealth withoutWriter(EventStore store, Path dataDir) {
    return new StoreHealth(store, dataDir, null);
  }

  @Override
  public Map<String, ComponentHealth> check() {
    return Map.of(NAME, state());
  }

  private ComponentHealth state() {
    WriterStats stats = writer == null ? null : writer.get();
    if (stats != null && stats.storeFailure() != null) {
      return ComponentHealth.down("the last write failed: " + stats.storeFailure());
    }
    Path file = dataDir.resolve(EventStore.FILE_NAME);
    long free;
    try {
      free = Files.getFileStore(file).getUsableSpace();
    } catch (IOException e) {
      return ComponentHealth.down("cannot tell the free space of " + file + ": " + e.getMessage());
    }
    if (free < MIN_FREE_BYTES) {
      return ComponentHealth.down("the disk of " + file + " is full: " + free + " bytes free");
    }
    if (!Files.isWritable(file)) {
      return ComponentHealth.down(file + " is not writable");
    }
    long events;
    try {
      events = store.maxSeq();
    } catch (RuntimeException e) {
      return ComponentHealth.down("cannot read " + file + ": " + e.getMessage());
    }
    String detail = String.format("%s: up to seq %,d, %,d MiB free", file, events, free >> 20);
    if (stats != null) {
      detail += String.format("; %,d events written, %,d waiting, %,d dropped when the queue was full",
          stats.written(), stats.pendingEvents(), stats.droppedEvents());
    }
    return ComponentHealth.up(detail);
  }
}
