package io.datasipper.pipeline;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code type: flaky}, a fault injector: fails the first {@code fail_writes} writes (asking for a
 * retry, after {@code retry_after_ms} when set, as a throttling destination does), and refuses for good every record whose value has {@code "reject": true}.
 * With {@code refuse_past_the_end}, a write that delivered every record says it refused the one
 * after them, as a mistaken output might. With {@code missing_class}, every write fails as a plugin
 * missing one of its classes does. With {@code stop_fails}, its stop throws. With
 * {@code records_per_second}, each write takes as long as its records at that rate, as a
 * destination at its limit: busy without a break, it delivers that many a second; with
 * {@code stall_ms} and {@code stall_every_ms}, a write that many milliseconds after the last stall
 * takes {@code stall_ms} longer, as a destination pausing now and then. While its name maps to
 * true in {@link #DOWN}, every write fails as the first {@code fail_writes} do. Delivered
 * records are kept in {@link #DELIVERED}, the size of every write in {@link #WRITES} and its
 * {@link System#nanoTime} in {@link #WRITE_NANOS}, by output name.
 */
public final class FlakyOutputFactory implements OutputFactory {
  static final int MAX_RECORDS_PER_WRITE = 2_000;
  static final Map<String, List<OutputRecord>> DELIVERED = new java.util.concurrent.ConcurrentHashMap<>();
  static final Map<String, List<Integer>> WRITES = new java.util.concurrent.ConcurrentHashMap<>();
  static final Map<String, List<Long>> WRITE_NANOS = new java.util.concurrent.ConcurrentHashMap<>();
  /** The outputs down for now, by name, as a test switches them. */
  static final Map<String, Boolean> DOWN = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public String type() {
    return "flaky";
  }

  @Override
  public int maxRecordsPerWrite() {
    return MAX_RECORDS_PER_WRITE;
  }

  @Override
  public Output create(String name, Map<String, Object> settings) {
    AtomicInteger failuresLeft = new AtomicInteger(((Number) settings.getOrDefault("fail_writes", 0)).intValue());
    List<OutputRecord> delivered = DELIVERED.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
    List<Integer> writes = WRITES.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
    List<Long> writeNanos = WRITE_NANOS.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
    Number retryAfterMs = (Number) settings.get("retry_after_ms");
    boolean refusePastTheEnd = Boolean.TRUE.equals(settings.get("refuse_past_the_end"));
    Object missingClass = settings.get("missing_class");
    boolean stopFails = Boolean.TRUE.equals(settings.get("stop_fails"));
    Number perSecond = (Number) settings.get("records_per_second");
    long stallNanos = ((Number) settings.getOrDefault("stall_ms", 0)).longValue() * 1_000_000;
    long stallEveryNanos = ((Number) settings.getOrDefault("stall_every_ms", 0)).longValue() * 1_000_000;
    return new Output() {
      private long nextStallNanos = System.nanoTime() + stallEveryNanos;

      @Override
      public void start() {}

      @Override
      public WriteResult write(List<OutputRecord> batch) {
        writes.add(batch.size());
        writeNanos.add(System.nanoTime());
        if (missingClass != null) {
          throw new NoClassDefFoundError(missingClass.toString());
        }
        if (DOWN.getOrDefault(name, false) || failuresLeft.getAndDecrement() > 0) {
          return retryAfterMs == null ? WriteResult.retry(0, "injected failure: destination unavailable")
              : WriteResult.retryAfter(0, "injected throttling", Duration.ofMillis(retryAfterMs.longValue()));
        }
        // Added a write at a time: one copy of the list a write, not one a record.
        for (int i = 0; i < batch.size(); i++) {
          if (batch.get(i).value().path("reject").asBoolean()) {
            delivered.addAll(batch.subList(0, i));
            return WriteResult.rejected(i, "injected rejection of " + batch.get(i).eventId());
          }
        }
        delivered.addAll(batch);
        pace(batch.size());
        return refusePastTheEnd ? WriteResult.rejected(batch.size(), "injected refusal past the write's end")
            : WriteResult.allDelivered(batch.size());
      }

      private void pace(int records) {
        long now = System.nanoTime();
        long due = perSecond == null ? now : now + (long) (records * 1e9 / perSecond.doubleValue());
        if (stallNanos > 0 && now >= nextStallNanos) {
          due += stallNanos;
          nextStallNanos = now + stallEveryNanos;
        }
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }

      @Override
      public void stop() {
        if (stopFails) {
          throw new IllegalStateException("injected failure to stop");
        }
      }
    };
  }
}
