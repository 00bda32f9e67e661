package io.datasipper.server.metrics;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventSink;
import java.time.InstantSource;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a capture hands on, by event type: in all, and per minute over the last hour. A
 * capturing command puts it between the capture and the store writer ({@link #counting}); the
 * metrics read it. Called on the thread that reads from the browser: it only adds to counters.
 */
public final class CapturedCounter {
  private final InstantSource clock;
  private final Map<String, ByType> types = new ConcurrentHashMap<>();

  private record ByType(LongAdder total, MinuteSeries perMinute) {}

  public CapturedCounter() {
    this(InstantSource.system());
  }

  /** With the clock that says which minute an event counts in. */
  public CapturedCounter(InstantSource clock) {
    this.clock = clock;
  }

  /** A sink that counts each event, then passes it on to {@code next}. */
  public EventSink counting(EventSink next) {
    return event -> {
      count(event);
      next.accept(event);
    };
  }

  /** Counts one event, at the clock's time. */
  public void count(CaptureEvent event) {
    ByType t = types.computeIfAbsent(event.type(), k -> new ByType(new LongAdder(), new MinuteSeries()));
    t.total().increment();
    t.perMinute().add(clock.millis(), 1);
  }

  /** Events of {@code type} counted so far. */
  public long total(String type) {
    ByType t = types.get(type);
    return t == null ? 0 : t.total().sum();
  }

  /** Events counted so far, by type, in type order. */
  public Map<String, Long> totals() {
    Map<String, Long> out = new TreeMap<>();
    types.forEach((type, t) -> out.put(type, t.total().sum()));
    return Collections.unmodifiableMap(out);
  }

  /** Events counted per minute over the last hour by type, oldest minute first (see {@link MinuteSeries}). */
  Map<String, long[]> lastHour(long nowMillis) {
    Map<String, long[]> out = new TreeMap<>();
    types.forEach((type, t) -> out.put(type, t.perMinute().lastHour(nowMillis)));
    return out;
  }
}
