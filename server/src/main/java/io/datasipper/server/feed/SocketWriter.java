package io.datasipper.server.feed;

import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Writes one client's messages in batches: each is queued in Jetty's outgoing buffer, and {@link
 * #flush} writes what is queued at once, so a batch of events costs one socket write (and one
 * wake-up of the client) instead of one per event. For the client's sender thread only.
 *
 * <p>{@link #flush} first waits until the previous batch is written: a client that stops reading
 * stops its sender there, with at most one batch queued in Jetty, and its own queue takes the rest
 * (and drops what does not fit).
 */
final class SocketWriter {
  private final CoreSession core;
  private FutureCallback lastFlush = FutureCallback.SUCCEEDED;
  private volatile Throwable failure;

  SocketWriter(Session session) {
    // Jetty's own session, under the API's: its core session batches frames, the API does not.
    this.core = ((WebSocketSession) session).getCoreSession();
  }

  /** Queues a text message; it is written at the next {@link #flush} (or earlier, if the buffer fills). */
  void write(String text) throws ClientGone {
    failIfFailed();
    core.sendFrame(new Frame(OpCode.TEXT, text), org.eclipse.jetty.util.Callback.from(() -> { }, e -> failure = e),
        true);
  }

  /** Waits until the previous batch is written, then writes what was queued since. */
  void flush() throws InterruptedException, ClientGone {
    try {
      lastFlush.get();
    } catch (ExecutionException e) {
      throw new ClientGone(e.getCause());
    }
    failIfFailed();
    lastFlush = new FutureCallback();
    core.flush(lastFlush);
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
