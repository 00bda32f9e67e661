package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import java.util.List;

/** Where {@link StoreWriter} puts its batches: {@link EventStore#insert}, or a test's fault. */
@FunctionalInterface
interface BatchInserter {
  void insert(List<CaptureEvent> batch);
}
