package io.datasipper.server.feed;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The feed's clients subscribed to a {@link LiveSource}: each event is wrapped once and handed to
 * all of them. Copy-on-write, since events arrive thousands of times a second and clients come and
 * go rarely.
 */
final class Listeners {
  private final List<Consumer<FeedEvent>> listeners = new CopyOnWriteArrayList<>();

  LiveSource.Subscription add(Consumer<FeedEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  boolean isEmpty() {
    return listeners.isEmpty();
  }

  void publish(FeedEvent event) {
    for (Consumer<FeedEvent> listener : listeners) {
      listener.accept(event);
    }
  }
}
