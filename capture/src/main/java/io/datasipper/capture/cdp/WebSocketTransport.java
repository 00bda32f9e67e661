package io.datasipper.capture.cdp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The WebSocket transport, for attaching to a browser started with a debugging port. */
public final class WebSocketTransport implements CdpTransport {
  private final URI endpoint;
  private final long maxMessageChars;
  // One thread delivers every message so the protocol handlers see them in order.
  private final ExecutorService delivery =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cdp-websocket");
        t.setDaemon(true);
        return t;
      });
  private WebSocket socket;
  private final Object sendLock = new Object();

  /** @param maxMessageChars longer messages are skipped unread and reported (see {@link MessageLimit}) */
  public WebSocketTransport(URI endpoint, long maxMessageChars) {
    this.endpoint = endpoint;
    this.maxMessageChars = maxMessageChars;
  }

  @Override
  public void start(Consumer<String> onMessage, Consumer<DroppedMessage> onDropped, Consumer<String> onClosed) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    // Messages are handed to our own thread: handlers send commands, and a send waits for the
    // client's threads, which must therefore not be the ones running the handlers.
    Consumer<String> inOrder = message -> deliver(() -> onMessage.accept(message));
    Consumer<DroppedMessage> droppedInOrder = dropped -> deliver(() -> onDropped.accept(dropped));
    Consumer<String> closedInOrder = reason -> deliver(() -> onClosed.accept(reason));
    try {
      socket =
          client.newWebSocketBuilder()
              .buildAsync(endpoint, new Listener(maxMessageChars, inOrder, droppedInOrder, closedInOrder))
              .get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("cannot connect to " + endpoint + ": " + cause, cause);
    }
  }

  private void deliver(Runnable task) {
    try {
      delivery.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException afterClose) {
      // we closed the connection ourselves: nothing is waiting for further messages
    }
  }

  @Override
  public void send(String json) {
    synchronized (sendLock) {
      try {
        // java.net.http allows one outstanding send at a time: wait for each before the next.
        socket.sendText(json, true).join();
      } catch (CompletionException e) {
        throw new IllegalStateException("cannot send to the browser: " + e.getCause(), e);
      }
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    delivery.shutdown();
  }

  /**
   * Joins the parts of each message. Past the limit only the message's start is kept, to say what
   * it was, and the rest is counted and skipped.
   */
  private static final class Listener implements WebSocket.Listener {
    private static final int BUFFER_CHARS = 256 * 1024;
    private final long maxMessageChars;
    private final Consumer<String> onMessage;
    private final Consumer<DroppedMessage> onDropped;
    private final Consumer<String> onClosed;
    private StringBuilder partial = new StringBuilder();
    private long size;
    private boolean closed;

    Listener(long maxMessageChars, Consumer<String> onMessage, Consumer<DroppedMessage> onDropped,
        Consumer<String> onClosed) {
      this.maxMessageChars = maxMessageChars;
      this.onMessage = onMessage;
      this.onDropped = onDropped;
      this.onClosed = onClosed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      size += data.length();
      if (size <= maxMessageChars) {
        partial.append(data);
      } else if (partial.length() > MessageLimit.START_KEPT) {
        partial.setLength(MessageLimit.START_KEPT);
      } else {
        partial.append(data, 0, Math.min(data.length(), MessageLimit.START_KEPT - partial.length()));
      }
      if (last) {
        if (size > maxMessageChars) {
          onDropped.accept(new DroppedMessage(size, partial.toString(), MessageLimit.overLimit(maxMessageChars)));
        } else {
          onMessage.accept(partial.toString());
        }
        size = 0;
        partial = partial.capacity() > 4 * BUFFER_CHARS ? new StringBuilder() : partial.delete(0, partial.length());
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closedOnce("the browser closed the connection (" + statusCode + " " + reason + ")");
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closedOnce("connection to the browser failed: " + error);
    }

    private void closedOnce(String reason) {
      if (!closed) {
        closed = true;
        onClosed.accept(reason);
      }
    }
  }
}
