package io.datasipper.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Makes items on a thread of its own, a bounded distance ahead of the thread that takes them: the
 * two overlap on two cores. The maker stays at most {@link #QUEUED_BATCHES} batches of
 * {@link #BATCH_ITEMS} items or {@link #BATCH_SIZE} of their size ahead, so that it needs little
 * heap however many it makes. The items arrive in the order they were made. A failure on either
 * side stops both and reaches the caller, after every item made before it, as if one thread had
 * done it all.
 *
 * @param <T> the items
 */
final class ReadAhead<T> {
  private static final int BATCH_ITEMS = 256;
  private static final long BATCH_SIZE = 1 << 20;
  private static final int QUEUED_BATCHES = 2;

  /** What the maker put in the queue: items, then the end or why it stopped. */
  private sealed interface Item {}

  private record Batch(List<?> items) implements Item {}

  private record End() implements Item {}

  /** A RuntimeException or an Error: the maker throws no checked exceptions. */
  private record Failed(Throwable cause) implements Item {}

  private final ToLongFunction<T> size;
  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  /** Set when the taker failed: the maker then stops at its next item. */
  private volatile boolean stopped;

  private ReadAhead(ToLongFunction<T> size) {
    this.size = size;
  }

  /**
   * Runs {@code maker} on a thread named {@code name} and hands what it makes to {@code sink} on
   * this one. Returns once the maker ended and everything it made went to {@code sink}.
   *
   * @param size the size of an item, against {@link #BATCH_SIZE}: characters, bytes
   * @throws RuntimeException what the maker or {@code sink} threw; the other side has stopped by then
   */
  static <T> void run(String name, Consumer<Consumer<T>> maker, Consumer<T> sink, ToLongFunction<T> size) {
    new ReadAhead<>(size).drain(name, maker, sink);
  }

  private void drain(String name, Consumer<Consumer<T>> maker, Consumer<T> sink) {
    Thread thread = Thread.ofPlatform().name(name).daemon().start(() -> make(maker));
    try {
      while (true) {
        switch (take()) {
          case Batch batch -> batch.items().forEach(item -> sink.accept(cast(item)));
          case End end -> {
            return;
          }
          case Failed failed -> throw unchecked(failed.cause());
        }
      }
    } catch (RuntimeException | Error e) {
      stopped = true;
      thread.interrupt(); // it may wait for room in the queue, which is not made any more
      throw e;
    } finally {
      joinUninterruptibly(thread);
    }
  }

  @SuppressWarnings("unchecked") // a Batch holds only what make() put in it: Ts
  private T cast(Object item) {
    return (T) item;
  }

  /** The maker's failure as it was thrown: the maker throws no checked exception. */
  private static RuntimeException unchecked(Throwable cause) {
    if (cause instanceof Error error) {
      throw error;
    }
    return (RuntimeException) cause;
  }

  private Item take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for what is read ahead", e);
    }
  }

  private void make(Consumer<Consumer<T>> maker) {
    List<T> batch = new ArrayList<>();
    long[] batchSize = {0};
    try {
      maker.accept(item -> {
        if (stopped) {
          throw new Stopped();
        }
        batch.add(item);
        batchSize[0] += size.applyAsLong(item);
        if (batch.size() >= BATCH_ITEMS || batchSize[0] >= BATCH_SIZE) {
          put(new Batch(List.copyOf(batch)));
          batch.clear();
          batchSize[0] = 0;
        }
      });
      if (!batch.isEmpty()) {
        put(new Batch(List.copyOf(batch)));
      }
      put(new End());
    } catch (Stopped e) {
      // The taker failed and is gone: nobody waits for what is left.
    } catch (RuntimeException | Error e) {
      putFailure(batch, e);
    }
  }

  /** What was made before the failure goes first, as one thread would have handed it over. */
  private void putFailure(List<T> madeBefore, Throwable e) {
    try {
      if (!madeBefore.isEmpty()) {
        put(new Batch(List.copyOf(madeBefore)));
      }
      put(new Failed(e));
    } catch (Stopped ignored) {
      // The taker failed first: its failure is the one reported.
    }
  }

  /** Waits for room in the queue, unless the taker failed: then nothing would ever make room. */
  private void put(Item item) {
    try {
      while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
        if (stopped) {
          throw new Stopped();
        }
      }
    } catch (InterruptedException e) {
      throw new Stopped(); // only the taker interrupts this thread, when it failed
    }
  }

  /** The taker stopped taking: the maker unwinds without making more. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
