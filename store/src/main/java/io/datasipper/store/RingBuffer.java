package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest events in memory, for live readers that should not have to wait for (or query) the
 * database. Holds a fixed number of events, however large they are. Thread-safe.
 */
public final class RingBuffer {
  public static final int DEFAULT_CAPACITY = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(RingBuffer.class);

  private final CaptureEvent[] slots;
  private final List<Consumer<CaptureEvent>> listeners = new CopyOnWriteArrayList<>();
  /** Events ever added; the next one goes to slot {@code added % capacity}. Guarded by slots. */
  private long added;

  public RingBuffer() {
    this(DEFAULT_CAPACITY);
  }

  public RingBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.slots = new CaptureEvent[capacity];
  }

  /**
   * Keeps the event, forgetting the oldest one when full, then hands it to every listener on this
   * thread. A listener that throws is logged and unsubscribed: one broken live reader must neither
   * stop the others nor slow the capture down by failing (and logging) on every event.
   */
  public void add(CaptureEvent e) {
    synchronized (slots) {
      slots[(int) (added % slots.length)] = e;
      added++;
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
    synchronized (slots) {
      List<CaptureEvent> result = new ArrayList<>();
      // Every held event is checked, not just the newest until an older seq: events added by more
      // than one thread can be slightly out of seq order, and none may be skipped.
      for (int i = heldCount() - 1; i >= 0; i--) {
        CaptureEvent e = slotFromNewest(i);
        if (e.seq() > afterSeq) {
          result.add(e);
        }
      }
      return result;
    }
  }

  /** The newest {@code n} events held (fewer if fewer are held), oldest first. */
  public List<CaptureEvent> latest(int n) {
    synchronized (slots) {
      return newest(Math.min(Math.max(n, 0), heldCount()));
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
    synchronized (slots) {
      return heldCount();
    }
  }

  private int heldCount() {
    return (int) Math.min(added, slots.length);
  }

  /** The i-th newest event, 0 being the newest. */
  private CaptureEvent slotFromNewest(int i) {
    return slots[(int) ((added - 1 - i) % slots.length)];
  }

  private List<CaptureEvent> newest(int n) {
    List<CaptureEvent> result = new ArrayList<>(n);
    for (int i = n - 1; i >= 0; i--) {
      result.add(slotFromNewest(i));
    }
    return result;
  }
}
