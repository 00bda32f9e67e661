package io.datasipper.server.feed;

import io.datasipper.api.event.Body;
import java.util.concurrent.atomic.LongAdder;

/** What the feed has sent its clients, all of them together: messages and their bytes. Thread-safe. */
final class FeedTraffic {
  private final LongAdder messages = new LongAdder();
  private final LongAdder bytes = new LongAdder();

  /** A text message went to a client. */
  void sent(String message) {
    messages.increment();
    bytes.add(Body.utf8Length(message));
  }

  long messages() {
    return messages.sum();
  }

  long bytes() {
    return bytes.sum();
  }
}
