package io.datasipper.server.feed;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events waiting to be sent to one client, bounded by count and by bytes. {@link #offer} is
 * called on the capture thread and never waits for the client: when the queue is full the event
 * is dropped for this client alone and counted in a {@link MissedRange} at the queue's tail, which
 * the client is sent in the event's place.
 *
 * <p>The capture thread does not wake the client's sender for each event, which would cost it a
 * thread hand-off per event and client: the sender looks every {@link #LINGER} (or every batch
 * period of a client that asked for batches) and is woken only when {@value #WAKE_AT} events wait,
 * or a notice does. So a client gets an event at most a few milliseconds (or its batch period) after
 * its capture, in batches.
 */
final class ClientQueue {
  /** How long the sender waits for events before looking again. */
  static final Duration LINGER = Duration.ofMillis(5);
  /** How many waiting events wake the sender before its linger is over. */
  static final int WAKE_AT = 256;

  private final int maxEvents;
  private final long maxBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();
  // Guarded by lock.
  private final ArrayDeque<QueueItem> items = new ArrayDeque<>();
  private int events;
  private long bytes;
  private long dropped;
  /** Notices waiting: one ends a batch period early. */
  private int notices;
  private boolean closed;

  ClientQueue(int maxEvents, long maxBytes) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  /** Queues the event, or counts it as missed if the queue is full. */
  void offer(FeedEvent e) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      // An event larger than the byte bound still goes through an empty queue: else it never would.
      if (events > 0 && (events >= maxEvents || bytes + e.bytes() > maxBytes)) {
        dropped++;
        if (items.peekLast() instanceof MissedRange run) {
          run.add(e.seq());
        } else {
          items.addLast(new MissedRange(e.seq()));
        }
      } else {
        items.addLast(e);
        events++;
        bytes += e.bytes();
        if (events >= WAKE_AT) {
          nonEmpty.signal();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Queues a message for the client, outside the bounds: there is one per message the client sends. */
  void notice(Notice notice) {
    lock.lock();
    try {
      if (!closed) {
        items.addLast(notice);
        notices++;
        nonEmpty.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes up to {@code max} items, oldest first; if none waits, first waits up to {@link #LINGER}
   * (or until many wait). Empty if none came.
   */
  List<QueueItem> take(int max) throws InterruptedException {
    lock.lock();
    try {
      if (items.isEmpty() && !closed) {
        nonEmpty.awaitNanos(LINGER.toNanos());
      }
      return takeUpTo(max);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for {@code period} to pass, or until {@value #WAKE_AT} events or a notice wait, then takes
   * up to {@code max} items, oldest first: what a client that asked for batches gets at once.
   */
  List<QueueItem> takeBatch(int max, Duration period) throws InterruptedException {
    lock.lock();
    try {
      long left = period.toNanos();
      while (left > 0 && !closed && notices == 0 && events < WAKE_AT) {
        left = nonEmpty.awaitNanos(left);
      }
      return takeUpTo(max);
    } finally {
      lock.unlock();
    }
  }

  private List<QueueItem> takeUpTo(int max) {
    List<QueueItem> taken = new ArrayList<>(Math.min(max, items.size()));
    while (taken.size() < max && !items.isEmpty()) {
      QueueItem item = items.removeFirst();
      if (item instanceof FeedEvent e) {
        events--;
        bytes -= e.bytes();
      } else if (item instanceof Notice) {
        notices--;
      }
      taken.add(item);
    }
    return taken;
  }

  /** Events dropped for this client so far. */
  long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** Drops what waits and refuses what comes: the client is gone. */
  void close() {
    lock.lock();
    try {
      closed = true;
      items.clear();
      events = 0;
      notices = 0;
      bytes = 0;
      nonEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
