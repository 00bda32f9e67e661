package io.datasipper.server.feed;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where the feed's live events come from: the capture's ring buffer while this process captures
 * ({@link RingSource}), or the store, polled for new seqs, when it only serves a data directory
 * ({@link StoreTailSource}).
 */
interface LiveSource extends AutoCloseable {
  /**
   * Calls {@code listener} with every event that becomes available from now on, possibly on a
   * capture thread: it must only queue the event and return.
   */
  Subscription subscribe(Consumer<FeedEvent> listener);

  /**
   * The events held in memory with a seq above {@code afterSeq}, including those not stored yet;
   * empty for a source that holds none. Lets a catch-up from the store close the gap to the live
   * events without waiting for the store.
   */
  List<FeedEvent> recent(long afterSeq);

  /**
   * The highest seq available now, live or stored: a subscription without {@code since} starts
   * above it, so that events made before it are not sent as live ones when the source passes them
   * on late (a store polled only so often).
   */
  long head();

  @Override
  void close();

  /** Ends a {@link #subscribe}. */
  @FunctionalInterface
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
