package io.datasipper.cli;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.store.StoredEvent;
import io.datasipper.store.UncheckedStoreException;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * The stored events a reading command had to skip because they cannot be read back: counted while
 * it reads, then reported in one line, so that one damaged row neither hides the others nor goes
 * unnoticed.
 */
final class Unreadable implements Consumer<String> {
  private long count;
  private String first;

  /** Hands {@code stored}'s event to {@code each}, or counts it here when it cannot be read back. */
  void read(StoredEvent stored, Consumer<CaptureEvent> each) {
    CaptureEvent event;
    try {
      event = stored.event();
    } catch (UncheckedStoreException e) {
      accept(e.getMessage());
      return;
    }
    each.accept(event);
  }

  @Override
  public void accept(String reason) {
    if (count++ == 0) {
      first = reason;
    }
  }

  /**
   * Says on {@code err} how many were skipped, if any.
   *
   * @param done what the command did with the others ("printed", "exported")
   * @return whether any were
   */
  boolean report(PrintWriter err, String done) {
    if (count == 0) {
      return false;
    }
    err.printf("datasipper: %,d stored event%s could not be read and %s skipped, the others %s; first: %s%n", count,
        count == 1 ? "" : "s", count == 1 ? "was" : "were", done, first);
    err.flush();
    return true;
  }
}
