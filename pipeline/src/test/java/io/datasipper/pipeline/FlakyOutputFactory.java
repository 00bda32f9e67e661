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
 * records are kept in {@link #DELIVERED} by output name.
 */
public final class FlakyOutputFactory implements OutputFactory {
  static final Map<String, List<OutputRecord>> DELIVERED = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public String type() {
    return "flaky";
  }

  @Override
  public Output create(String name, Map<String, Object> settings) {
    AtomicInteger failuresLeft = new AtomicInteger(((Number) settings.getOrDefault("fail_writes", 0)).intValue());
    List<OutputRecord> delivered = DELIVERED.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
    return new Output() {
      @Override
      public void start() {}

      @Override
      public WriteResult write(List<OutputRecord> batch) {
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
