package io.datasipper.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.server.LocalServer;
import io.datasipper.server.OpenApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A subscriber of the feed over a real WebSocket (java.net.http), sending the server's token as
 * scripts do. Every message it gets is checked against the OpenAPI document's feed messages; the
 * first that does not match fails the test at the next read, or at the close. It can be paused: it
 * then asks for no more messages, so the server's writes to it stall once the socket's buffers are
 * full, as with a client that reads slowly. A batch of events ({@code {"events": [...]}}) is read as
 * its events, one after the other, and counted among the messages as one; so is a compact batch
 * ({@code {"compact": [...]}}), each of its events made whole again from the one before it and
 * read as it would have come in a batch of events.
 */
final class FeedClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final WebSocket socket;
  private final StringBuilder partial = new StringBuilder();
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicLong charsReceived = new AtomicLong();
  private volatile boolean paused;
  /** The first message that did not match the document, as the failure to report. */
  private volatile AssertionError unlike;
  /** Messages asked for while paused, asked for on resume. */
  private int owed;

  FeedClient(LocalServer server) throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + server.port() + FeedPart.PATH);
    socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "Bearer " + server.token())
        .connectTimeout(WAIT)
        .buildAsync(uri, new Listener())
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  void send(String text) throws Exception {
    socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Subscribes and waits until the subscription is live. */
  JsonNode subscribe(String text) throws Exception {
    send(text);
    return awaitMessage(m -> m.has("live") || m.has("error"));
  }

  /** The next message, failing the test if none comes in time. */
  JsonNode next() throws InterruptedException {
    failIfUnlike();
    JsonNode m = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    failIfUnlike();
    assertThat(m).as("a feed message within " + WAIT).isNotNull();
    return m;
  }

  /** Messages up to and including the first one {@code last} accepts. */
  List<JsonNode> until(Predicate<JsonNode> last) throws InterruptedException {
    List<JsonNode> got = new ArrayList<>();
    JsonNode m;
    do {
      m = next();
      got.add(m);
    } while (!last.test(m));
    return got;
  }

  /** Skips messages up to the first one {@code wanted} accepts, and returns it. */
  JsonNode awaitMessage(Predicate<JsonNode> wanted) throws InterruptedException {
    List<JsonNode> got = until(wanted);
    return got.get(got.size() - 1);
  }

  /** The messages that came within {@code quiet} of each other, once none came for that long. */
  List<JsonNode> drain(Duration quiet) throws InterruptedException {
    List<JsonNode> got = new ArrayList<>();
    for (JsonNode m = messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS); m != null;
        m = messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
      got.add(m);
    }
    failIfUnlike();
    return got;
  }

  /** How many characters the messages that came so far held. */
  long charsReceived() {
    return charsReceived.get();
  }

  /** How many WebSocket messages came so far: a batch counts once. */
  int messagesReceived() {
    return received.get();
  }

  void pause() {
    paused = true;
  }

  synchronized void resume() {
    paused = false;
    if (owed > 0) {
      socket.request(owed);
      owed = 0;
    }
  }

  @Override
  public void close() {
    socket.abort();
    failIfUnlike();
  }

  private void failIfUnlike() {
    AssertionError e = unlike;
    if (e != null) {
      throw e;
    }
  }

  /** Reads a compact batch's events: each is the one before it with its changed fields. */
  private void expand(JsonNode compact) {
    ObjectNode whole = JSON.createObjectNode();
    for (JsonNode changes : compact) {
      changes.properties().forEach(field -> {
        if (field.getValue().isNull()) {
          whole.remove(field.getKey());
        } else {
          whole.set(field.getKey(), field.getValue());
        }
      });
      ObjectNode event = whole.deepCopy();
      JsonNode streams = event.remove("streams");
      messages.add(streams == null ? event
          : JSON.createObjectNode().<ObjectNode>set("event", event).set("streams", streams));
    }
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        try {
          OpenApiContract.checkServerMessage(FeedPart.PATH, message);
        } catch (AssertionError e) {
          if (unlike == null) {
            unlike = e;
          }
        }
        JsonNode m;
        try {
          m = JSON.readTree(message);
        } catch (Exception e) {
          throw new IllegalStateException("the feed sent a message that is not JSON: " + partial, e);
        }
        received.incrementAndGet();
        charsReceived.addAndGet(message.length());
        if (m.path("events").isArray()) {
          m.path("events").forEach(messages::add);
        } else if (m.path("compact").isArray()) {
          expand(m.path("compact"));
        } else {
          messages.add(m);
        }
        partial.setLength(0);
      }
      synchronized (FeedClient.this) {
        if (paused) {
          owed++;
        } else {
          webSocket.request(1);
        }
      }
      return null;
    }
  }
}
