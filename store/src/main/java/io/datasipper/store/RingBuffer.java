package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest events in memory, for live readers that should not have to wait for (or query) the
 * database. Bounded twice: by a number of events and by their bytes (by {@link
 * CaptureEvent#approximateBytes}), so that large bodies or frames cannot fill the heap where small
 * ones would take 10,000 events to. The oldest events go first. Thread-safe.
 */
public final class RingBuffer {
  public static final int DEFAULT_MAX_EVENTS = 10_000;
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(RingBuffer.class);

  private final int maxEvents;
  private final long maxBytes;
  private final List<Consumer<CaptureEvent>> listeners = new CopyOnWriteArrayList<>();
  /** Oldest first. Guarded by itself, as is heldBytes. */
  private final ArrayDeque<CaptureEvent> held = new ArrayDeque<>();
  private long heldBytes;

  public RingBuffer() {
    this(DEFAULT_MAX_EVENTS, DEFAULT_MAX_BYTES);
  }

  /** Holds at most {@code maxEvents} events, and at most {@code maxBytes} of them. */
  public RingBuffer(int maxEvents, long maxBytes) {
    if (maxEvents < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "maxEvents and maxBytes must be at least 1: " + maxEvents + ", " + maxBytes);
    }
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  /**
   * Keeps the event, forgetting the oldest ones while either bound is passed, then hands it to
   * every listener on this thread. An event larger than the whole byte bound is not kept, and
   * pushes out everything before it: a reader of {@link #since} then sees the gap and goes to the
   * store, as for any event pushed out. A listener that throws is logged and unsubscribed: one
   * broken live reader must neither stop the others nor slow the capture down by failing (and
   * logging) on every event.
   */
  public void add(CaptureEvent e) {
    long size = e.approximateBytes();
    synchronized (held) {
      if (size > maxBytes) {
        held.clear();
        heldBytes = 0;
      } else {
        held.addLast(e);
        heldBytes += size;
        while (held.size() > maxEvents || heldBytes > maxBytes) {
          heldBytes -= held.removeFirst().approximateBytes();
        }
      }
    }
    for (Consumer<CaptureEvent> listener : listeners) {
      try {
        listener.accept(e);
      } catch (RuntimeException ex) {
        listeners.remove(listener);
        LOG.warn("a live listener failed on event {} and was unsubscribed", e.seq(), ex);
      }
    }
  }

  /**
   * The events held with a {@code seq} greater than {@code afterSeq}, in the order they were
   * added. If the first one returned is not {@code afterSeq + 1}, the ones in between were already
   * pushed out.
   */
  public List<CaptureEvent> since(long afterSeq) {
    synchronized (held) {
      List<CaptureEvent> result = new ArrayList<>();
      // Every held event is checked, not just the newest until an older seq: events added by more
      // than one thread can be slightly out of seq order, and none may be skipped.
      for (CaptureEvent e : held) {
        if (e.seq() > afterSeq) {
          result.add(e);
        }
      }
      return result;
    }
  }

  /** The newest {@code n} events held (fewer if fewer are held), oldest first. */
  public List<CaptureEvent> latest(int n) {
    synchronized (held) {
      int count = Math.min(Math.max(n, 0), held.size());
      List<CaptureEvent> result = new ArrayList<>(count);
      Iterator<CaptureEvent> newestFirst = held.descendingIterator();
      for (int i = 0; i < count; i++) {
        result.add(newestFirst.next());
      }
      return result.reversed();
    }
  }

  /**
   * Calls {@code listener} with every event added from now on, on the adding thread (the
   * browser-reading thread when fed by {@link StoreWriter}): it must return quickly. Closing the
   * result unsubscribes.
   */
  public Subscription subscribe(Consumer<CaptureEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** An {@link AutoCloseable} whose close cannot fail, so try-with-resources needs no catch. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  public int size() {
    synchronized (held) {
      return held.size();
    }
  }

  /** The bytes of the events held, by {@link CaptureEvent#approximateBytes}; never above the bound. */
  public long heldBytes() {
    synchronized (held) {
      return heldBytes;
    }
  }

  public int maxEvents() {
    return maxEvents;
  }

  public long maxBytes() {
    return maxBytes;
  }
}
