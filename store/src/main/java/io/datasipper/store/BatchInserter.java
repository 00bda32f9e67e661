package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import java.util.List;

/** Where {@link StoreWriter} puts its batches: {@link EventStore#append}, or a test's fault. */
@FunctionalInterface
interface BatchInserter {
  void insert(List<CaptureEvent> batch);

  /** Nanoseconds until what {@link #insert} left to write later is due (0 or less: now); Long.MAX_VALUE when nothing is left. */
  default long laterWritesDueInNanos() {
    return Long.MAX_VALUE;
  }

  /** Writes what {@link #insert} left to write later. */
  default void writeLater() {}

  /** The store's writes: events at once, their keys and search text a little later (see {@link EventIndex}). */
  static BatchInserter of(EventStore store) {
    return new BatchInserter() {
      @Override
      public void insert(List<CaptureEvent> batch) {
        store.append(batch);
      }

      @Override
      public long laterWritesDueInNanos() {
        return store.indexDueInNanos();
      }

      @Override
      public void writeLater() {
        store.writeIndex();
      }
    };
  }
}
