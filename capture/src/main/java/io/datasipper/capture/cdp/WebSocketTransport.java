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
  // One thread delivers every message so the protocol handlers see them in order.
  private final ExecutorService delivery =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cdp-websocket");
        t.setDaemon(true);
        return t;
      });
  private WebSocket socket;
  private final Object sendLock = new Object();

  public WebSocketTransport(URI endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public void start(Consumer<String> onMessage, Consumer<DroppedMessage> onDropped, Consumer<String> onClosed) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    // Messages are handed to our own thread: handlers send commands, and a send waits for the
    // client's threads, which must therefore not be the ones running the handlers.
    Consumer<String> inOrder = message -> deliver(() -> onMessage.accept(message));
    Consumer<String> closedInOrder = reason -> deliver(() -> onClosed.accept(reason));
    try {
      socket =
          client.newWebSocketBuilder()
              .buildAsync(endpoint, new Listener(inOrder, closedInOrder))
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

  private static final class Listener implements WebSocket.Listener {
    private final Consumer<String> onMessage;
    private final Consumer<String> onClosed;
    private final StringBuilder partial = new StringBuilder();
    private boolean closed;

    Listener(Consumer<String> onMessage, Consumer<String> onClosed) {
      this.onMessage = onMessage;
      this.onClosed = onClosed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        onMessage.accept(message);
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
