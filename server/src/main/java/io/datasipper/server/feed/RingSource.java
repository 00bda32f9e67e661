package io.datasipper.server.feed;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.store.RingBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The live events of a capture running in this process, from its {@link RingBuffer}. The ring calls
 * its listener on the capture thread, so all this source does there is wrap the event and hand it to
 * each client's queue, which never blocks: filtering and writing JSON happen on the clients' own
 * threads.
 */
final class RingSource implements LiveSource {
  private final RingBuffer ring;
  private final Listeners listeners = new Listeners();
  private final RingBuffer.Subscription subscription;

  RingSource(RingBuffer ring) {
    this.ring = ring;
    this.subscription = ring.subscribe(this::onEvent);
  }

  private void onEvent(CaptureEvent e) {
    if (!listeners.isEmpty()) {
      listeners.publish(FeedEvent.captured(e));
    }
  }

  @Override
  public Subscription subscribe(Consumer<FeedEvent> listener) {
    return listeners.add(listener);
  }

  @Override
  public List<FeedEvent> recent(long afterSeq) {
    List<FeedEvent> recent = new ArrayList<>();
    for (CaptureEvent e : ring.since(afterSeq)) {
      recent.add(FeedEvent.captured(e));
    }
    return recent;
  }

  @Override
  public long head() {
    List<CaptureEvent> newest = ring.latest(1);
    return newest.isEmpty() ? 0 : newest.get(0).seq();
  }

  @Override
  public void close() {
    subscription.close();
  }
}
