package io.datasipper.pipeline;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.PendingWrite;
import io.datasipper.api.output.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code type: pipelined}, a fault injector for writes started ahead of their confirmation, like a
 * broker's: a started write's records arrive when it is awaited. The write started as number
 * {@code fail_write} (counting from 1) delivers its first {@code delivered_before_failure} records,
 * then fails asking for a retry. Delivered records are kept in {@link #DELIVERED}, the size of
 * every started write in {@link #STARTED}, and the most writes ever started and not yet awaited in
 * {@link #MOST_IN_FLIGHT}, by output name.
 */
public final class PipelinedOutputFactory implements OutputFactory {
  static final int MAX_RECORDS_PER_WRITE = 100;
  static final int MAX_WRITES_IN_FLIGHT = 3;
  static final Map<String, List<OutputRecord>> DELIVERED = new ConcurrentHashMap<>();
  static final Map<String, List<Integer>> STARTED = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> MOST_IN_FLIGHT = new ConcurrentHashMap<>();

  @Override
  public String type() {
    return "pipelined";
  }

  @Override
  public int maxRecordsPerWrite() {
    return MAX_RECORDS_PER_WRITE;
  }

  @Override
  public int maxWritesInFlight() {
    return MAX_WRITES_IN_FLIGHT;
  }

  @Override
  public Output create(String name, Map<String, Object> settings) {
    int failWrite = ((Number) settings.getOrDefault("fail_write", 0)).intValue();
    int deliveredBeforeFailure = ((Number) settings.getOrDefault("delivered_before_failure", 0)).intValue();
    List<OutputRecord> delivered = DELIVERED.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
    List<Integer> sizes = STARTED.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
    AtomicInteger most = MOST_IN_FLIGHT.computeIfAbsent(name, k -> new AtomicInteger());
    return new Output() {
      private int started;
      private int inFlight;

      @Override
      public void start() {}

      @Override
      public WriteResult write(List<OutputRecord> batch) throws Exception {
        return startWrite(batch).await();
      }

      @Override
      public PendingWrite startWrite(List<OutputRecord> batch) {
        int number = ++started;
        sizes.add(batch.size());
        most.accumulateAndGet(++inFlight, Math::max);
        List<OutputRecord> records = List.copyOf(batch);
        return () -> {
          inFlight--;
          if (number == failWrite) {
            delivered.addAll(records.subList(0, deliveredBeforeFailure));
            return WriteResult.retry(deliveredBeforeFailure, "injected failure of write " + number);
          }
          delivered.addAll(records);
          return WriteResult.allDelivered(records.size());
        };
      }

      @Override
      public void stop() {}
    };
  }
}
