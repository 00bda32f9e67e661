package io.datasipper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One client of the live feed over a real WebSocket (its own {@link HttpClient}, so its own
 * threads): subscribes to the ws_frame events and counts the server's frames among them in a
 * {@link FrameTally} of its own, with their latency from the server's send to here. A slow one
 * waits {@code delayNanos} after each message, as a client that cannot keep up.
 */
final class FeedSubscriber implements AutoCloseable {
  private static final String FILTER = "\"filter\": {\"field\": \"type\", \"operator\": \"equals\", \"value\": \"ws_frame\"}";
  private static final String BATCH = "{\"events\":[";
  private static final String FRAME = "{\"type\":\"ws_frame\"";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final FrameTally tally;
  private final int steps;
  private volatile long delayNanos;
  private final boolean slow;
  private final CompletableFuture<Void> live = new CompletableFuture<>();
  private final AtomicLong missed = new AtomicLong();
  private final AtomicLong missedRuns = new AtomicLong();
  private final AtomicLong messages = new AtomicLong();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;

  /** The subscribe message for the ws_frame events, gathered every {@code batchMillis} (0: one by one). */
  static String subscribe(int batchMillis) {
    return "{" + FILTER + (batchMillis > 0 ? ", \"batch_ms\": " + batchMillis : "") + "}";
  }

  /** Connects to the feed at {@code feed} ({@code ws://...}) with the server's token, and subscribes. */
  FeedSubscriber(URI feed, String token, List<StepPlan> plans, long delayNanos, String subscribe) throws Exception {
    this.tally = new FrameTally(plans);
    this.steps = plans.size();
    this.delayNanos = delayNanos;
    this.slow = delayNanos > 0;
    socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "Bearer " + token)
        .buildAsync(feed, new Listener())
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    socket.sendText(subscribe, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    live.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The server's frames it got so far, each counted once. */
  long frames() {
    long n = 0;
    for (int i = 0; i < steps; i++) {
      n += tally.step(i).distinct();
    }
    return n;
  }

  /** What it got; read once the run is over. */
  SubscriberFigures figures() {
    List<Long> perStep = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      perStep.add((long) tally.step(i).distinct());
    }
    LatencyStats latency = tally.step(steps - 1).latency();
    return new SubscriberFigures(slow, messages(), missed(), missedRuns(), perStep, latency.p50Ms(), latency.p99Ms());
  }

  /** Events the feed said it dropped for this client. */
  long missed() {
    return missed.get();
  }

  /** How many {@code missed} messages it got. */
  long missedRuns() {
    return missedRuns.get();
  }

  long messages() {
    return messages.get();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private void onMessage(String text) {
    messages.incrementAndGet();
    long now = System.nanoTime();
    // Events (their type key comes first) are most messages: their frame text is cut out of the
    // JSON rather than the whole event parsed, so that the subscribers, which share the machine's
    // cores with the capture, take little CPU from it. A batch is cut at its events' starts: a
    // ws_frame event has no nested object with a type, and its strings' quotes are escaped.
    if (text.startsWith(BATCH)) {
      for (int at = text.indexOf(FRAME); at >= 0; ) {
        int next = text.indexOf(FRAME, at + FRAME.length());
        onEvent(text.substring(at, next < 0 ? text.length() : next), now);
        at = next;
      }
      return;
    }
    if (text.startsWith("{\"type\":")) {
      onEvent(text, now);
      return;
    }
    JsonNode m;
    try {
      m = JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException("the feed sent a message that is not JSON: " + text, e);
    }
    if (m.has("missed")) {
      missed.addAndGet(m.path("missed").asLong());
      missedRuns.incrementAndGet();
    } else if (m.has("live")) {
      live.complete(null);
    } else if (m.has("error")) {
      live.completeExceptionally(new IllegalStateException("the feed refused the subscription: " + text));
    }
  }

  private void onEvent(String json, long now) {
    if (json.contains("\"direction\":\"received\"")) {
      String data = stringAfter(json, "\"data\":\"");
      if (data != null) {
        tally.onFrame(data, now);
      }
    }
  }

  /** The JSON string that starts after {@code key} in {@code json}, unescaped; null if there is none. */
  static String stringAfter(String json, String key) {
    int start = json.indexOf(key);
    if (start < 0) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = start + key.length(); i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && i + 1 < json.length()) {
        c = json.charAt(++i); // the frames hold only \" and \\ escapes
      }
      out.append(c);
    }
    return null;
  }

  /** Stops waiting after each message: the slow client reads again, to take what is queued for it. */
  void resume() {
    delayNanos = 0;
  }

  private final class Listener implements WebSocket.Listener {
    /**
     * A client that keeps up asks for every message at once; the slow one asks for one at a time,
     * so that the server's writes to it stall once the socket's buffers are full.
     */
    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(slow ? 1 : Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        onMessage(partial.toString());
        partial.setLength(0);
        if (delayNanos > 0) {
          LockSupport.parkNanos(delayNanos);
        }
      }
      if (slow) {
        webSocket.request(1);
      }
      return null;
    }
  }
}
