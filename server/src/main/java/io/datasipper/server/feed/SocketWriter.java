package io.datasipper.server.feed;

import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Writes one client's messages in batches, through Jetty's public WebSocket API. Jetty 12's API
 * has no batch mode and no flush: each message is queued in its frame flusher at once, and while a
 * write is under way, the messages queued meanwhile go out together in the next (gathering) write,
 * so a batch of events costs a few socket writes, not one per event. For the client's sender thread
 * only.
 *
 * <p>{@link #flush} waits until the batch before the last one is written: a client that stops
 * reading stops its sender there, with at most two batches queued in Jetty, and its own queue takes
 * the rest (and drops what does not fit).
 */
final class SocketWriter {
  private final Session session;
  private final FeedTraffic traffic;
  /** Done when the last message of the previous batch is written. */
  private Callback.Completable previousBatch = Callback.Completable.with(Callback.Completable::succeed);
  /** Done when the last message written so far is written; messages are written in order. */
  private Callback.Completable lastMessage = previousBatch;
  private volatile Throwable failure;

  SocketWriter(Session session, FeedTraffic traffic) {
    this.session = session;
    this.traffic = traffic;
  }

  /** Sends a text message: Jetty writes it as soon as the socket takes it, with those queued beside it. */
  void write(String text) throws ClientGone {
    failIfFailed();
    Callback.Completable written = new Callback.Completable();
    written.whenComplete((ok, e) -> {
      if (e != null) {
        failure = e;
      }
    });
    lastMessage = written;
    traffic.sent(text);
    session.sendText(text, written);
  }

  /** Ends a batch: waits until the previous one is written. */
  void flush() throws InterruptedException, ClientGone {
    try {
      previousBatch.get();
    } catch (ExecutionException e) {
      throw new ClientGone(e.getCause());
    }
    failIfFailed();
    previousBatch = lastMessage;
  }

  private void failIfFailed() throws ClientGone {
    Throwable e = failure;
    if (e != null) {
      throw new ClientGone(e);
    }
  }

  /** The client's connection failed while a message was written to it. */
  static final class ClientGone extends Exception {
    ClientGone(Throwable cause) {
      super(String.valueOf(cause), cause);
    }
  }
}
