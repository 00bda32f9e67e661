package io.datasipper.server.feed;

import io.datasipper.server.feed.SocketWriter.ClientGone;

/**
 * One client's messages, in the form it asked for: each event a message of its own, or (for a
 * client that asked for batches) the events of a batch together in {@code {"events": [...]}}
 * messages, which saves both ends a message's work per event. Other messages (live, missed, errors)
 * are always sent alone, in their place among the events. For the client's sender thread only.
 */
final class Outbox {
  /** A batch message holds events up to about this many characters; a larger event goes alone. */
  static final int MAX_BATCH_CHARS = 1 << 20;
  private static final String OPEN = "{\"events\":[";

  private final SocketWriter out;
  private final boolean batches;
  /** The batch message being gathered; empty when no event waits in it. */
  private final StringBuilder gathered = new StringBuilder();

  Outbox(SocketWriter out, boolean batches) {
    this.out = out;
    this.batches = batches;
  }

  /** An event's message: sent now, or added to the batch being gathered. */
  void event(String json) throws ClientGone {
    if (!batches) {
      out.write(json);
      return;
    }
    if (!gathered.isEmpty() && gathered.length() + json.length() > MAX_BATCH_CHARS) {
      sendGathered();
    }
    gathered.append(gathered.isEmpty() ? OPEN : ",").append(json);
  }

  /** A message that is not an event, after the events gathered before it. */
  void message(String json) throws ClientGone {
    sendGathered();
    out.write(json);
  }

  /** Ends a batch: sends what is gathered, and waits until the batch before this one is written. */
  void flush() throws InterruptedException, ClientGone {
    sendGathered();
    out.flush();
  }

  private void sendGathered() throws ClientGone {
    if (!gathered.isEmpty()) {
      out.write(gathered.append("]}").toString());
      gathered.setLength(0);
      if (gathered.capacity() > 2 * MAX_BATCH_CHARS) {
        gathered.trimToSize();
      }
    }
  }
}
