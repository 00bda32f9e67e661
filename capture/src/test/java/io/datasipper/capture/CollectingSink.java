package io.datasipper.capture;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventSink;
import io.datasipper.api.event.HttpEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps every event in memory, for tests. */
public final class CollectingSink implements EventSink {
  private final List<CaptureEvent> events = new ArrayList<>();

  @Override
  public synchronized void accept(CaptureEvent event) {
    events.add(event);
    notifyAll();
  }

  public synchronized List<CaptureEvent> events() {
    return new ArrayList<>(events);
  }

  public <T extends CaptureEvent> List<T> of(Class<T> type) {
    return events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** HTTP events whose URL path is exactly this. */
  public List<HttpEvent> http(String path) {
    return of(HttpEvent.class).stream().filter(e -> java.net.URI.create(e.url()).getPath().equals(path)).toList();
  }

  /** Waits until some event matches, or the time is up; returns whether one did. */
  public synchronized boolean await(Predicate<CaptureEvent> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.stream().noneMatch(condition)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
