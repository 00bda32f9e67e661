package io.datasipper.pipeline;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code type: flaky}, a fault injector: fails the first {@code fail_writes} writes (asking for a
 * retry), and refuses for good every record whose value has {@code "reject": true}. Delivered
 * records are kept in {@link #DELIVERED} and the size of every write in {@link #WRITES}, by output name.
 */
public final class FlakyOutputFactory implements OutputFactory {
  static final int MAX_RECORDS_PER_WRITE = 2_000;
  static final Map<String, List<OutputRecord>> DELIVERED = new java.util.concurrent.ConcurrentHashMap<>();
  static final Map<String, List<Integer>> WRITES = new java.util.concurrent.ConcurrentHashMap<>();

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
    return new Output() {
      @Override
      public void start() {}

      @Override
      public WriteResult write(List<OutputRecord> batch) {
        writes.add(batch.size());
        if (failuresLeft.getAndDecrement() > 0) {
          return WriteResult.retry(0, "injected failure: destination unavailable");
        }
        for (int i = 0; i < batch.size(); i++) {
          if (batch.get(i).value().path("reject").asBoolean()) {
            return WriteResult.rejected(i, "injected rejection of " + batch.get(i).eventId());
          }
          delivered.add(batch.get(i));
        }
        return WriteResult.allDelivered(batch.size());
      }

      @Override
      public void stop() {}
    };
  }
}
