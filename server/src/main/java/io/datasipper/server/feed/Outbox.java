package io.datasipper.server.feed;

import io.datasipper.server.EventSummary;
import io.datasipper.server.JsonStrings;
import io.datasipper.server.feed.SocketWriter.ClientGone;
import java.util.List;

/**
 * One client's messages, in the form it asked for: each event a message of its own, or (for a
 * client that asked for batches) the events of a batch together in {@code {"events": [...]}}
 * messages, which saves both ends a message's work per event, or (for a client that asked for
 * compact batches of summaries) in {@code {"compact": [...]}} messages, where each event after the
 * first has only the fields that differ from the event before it. Other messages (live, missed,
 * errors) are always sent alone, in their place among the events. For the client's sender thread
 * only.
 */
final class Outbox {
  /** A batch message holds events up to about this many characters; a larger event goes alone. */
  static final int MAX_BATCH_CHARS = 1 << 20;
  private static final String OPEN = "{\"events\":[";
  private static final String OPEN_COMPACT = "{\"compact\":[";

  private final SocketWriter out;
  private final boolean batches;
  /** The batch message being gathered; empty when no event waits in it. */
  private final StringBuilder gathered = new StringBuilder();
  /** The summary gathered last in a compact batch, which the next one is written against; else null. */
  private EventSummary before;
  /** The streams of the summary gathered last, when the client asked for streams. */
  private List<String> streamsBefore;

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

  /**
   * An event's summary, added to the compact batch being gathered as what differs from the one
   * before it in the batch: the first of a batch whole.
   *
   * @param streams the streams that take the event; null for a client that did not ask for them
   */
  void compact(EventSummary summary, List<String> streams) throws ClientGone {
    if (gathered.length() >= MAX_BATCH_CHARS) {
      sendGathered();
    }
    gathered.append(gathered.isEmpty() ? OPEN_COMPACT : ",").append('{');
    boolean changed = summary.appendChanges(before, gathered);
    if (streams != null && !streams.equals(streamsBefore)) {
      JsonStrings.appendArray(streams, gathered.append(changed ? ",\"streams\":" : "\"streams\":"));
    }
    gathered.append('}');
    before = summary;
    streamsBefore = streams;
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
    before = null;
    streamsBefore = null;
  }
}
