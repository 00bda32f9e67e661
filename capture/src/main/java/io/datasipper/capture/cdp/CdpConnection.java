package io.datasipper.capture.cdp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DevTools protocol connection with flat sessions: commands with ids and their replies, and
 * events routed by session id. Replies and events are handled on the transport's single reader
 * thread, so handlers see one consistent order and must not block.
 */
public final class CdpConnection implements AutoCloseable {
  /**
   * Strings as long as a message: the transport bounds messages, and a body or frame far longer
   * than Jackson's default string limit (20 million characters) is still to be read and cut.
   */
  static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build());
  private static final Pattern REPLY_ID = Pattern.compile("^\\{\\s*\"id\"\\s*:\\s*(\\d{1,18})\\b");
  private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([^\"]+)\"");

  /** A command waiting for its reply: what it asked, to say what was lost if the reply is. */
  private record Pending(CompletableFuture<JsonNode> reply, String method, String requestId) {}

  private final CdpTransport transport;
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private volatile Consumer<CdpEvent> eventHandler = e -> {};
  private volatile Consumer<LostMessage> lostHandler = m -> {};
  // Held while a message is handled, so other threads can act on handler state between messages.
  private final Object handling = new Object();

  public CdpConnection(CdpTransport transport) {
    this.transport = transport;
  }

  /** Starts reading; events go to the handler from then on; a message that cannot be read is dropped. */
  public void start(Consumer<CdpEvent> handler) {
    start(handler, m -> {});
  }

  /**
   * Starts reading; events go to {@code handler} from then on, and each message that cannot be
   * read (too long, not JSON) to {@code onLost}, on the same thread. A lost reply also fails its
   * command's future.
   */
  public void start(Consumer<CdpEvent> handler, Consumer<LostMessage> onLost) {
    this.eventHandler = handler;
    this.lostHandler = onLost;
    transport.start(text -> runExclusive(() -> dispatch(text)), dropped -> runExclusive(() -> lost(dropped)),
        reason -> runExclusive(() -> onClosed(reason)));
  }

  /** Runs the task while no message is being handled, e.g. to flush handler state at shutdown. */
  public void runExclusive(Runnable task) {
    synchronized (handling) {
      task.run();
    }
  }

  public static ObjectNode params() {
    return JSON.createObjectNode();
  }

  /** Sends a command on the browser session. */
  public CompletableFuture<JsonNode> send(String method, ObjectNode params) {
    return send(null, method, params);
  }

  /**
   * Sends a command; the future completes on the reader thread with the result, or exceptionally
   * with a {@link CdpException} carrying the browser's error message.
   */
  public CompletableFuture<JsonNode> send(String sessionId, String method, ObjectNode params) {
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    if (closed.isDone()) {
      reply.completeExceptionally(new CdpException(method + ": connection closed (" + closed.join() + ")"));
      return reply;
    }
    long id = nextId.getAndIncrement();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params == null ? params() : params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    JsonNode requestId = params == null ? null : params.get("requestId");
    pending.put(id, new Pending(reply, method, requestId == null ? null : requestId.asText()));
    try {
      transport.send(message.toString());
    } catch (RuntimeException e) {
      pending.remove(id);
      reply.completeExceptionally(new CdpException(method + ": " + e.getMessage()));
    }
    return reply;
  }

  /** Completes with the reason once the browser side of the connection is gone. */
  public CompletableFuture<String> closed() {
    return closed;
  }

  private void dispatch(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      lost(new DroppedMessage(text.length(), startOf(text), "it is not valid JSON: " + e.getOriginalMessage()));
      return;
    } catch (OutOfMemoryError e) {
      // Reading a message takes several times its size at once; what failed is garbage now, and
      // the capture goes on with a report rather than a reader thread that died.
      lost(new DroppedMessage(text.length(), startOf(text), "the JVM had not enough free memory to read it"));
      return;
    }
    JsonNode id = message.get("id");
    if (id != null) {
      Pending command = pending.remove(id.asLong());
      if (command != null) {
        JsonNode error = message.get("error");
        if (error != null) {
          command.reply().completeExceptionally(new CdpException(error.path("message").asText()));
        } else {
          command.reply().complete(message.path("result"));
        }
      }
      return;
    }
    JsonNode method = message.get("method");
    if (method != null) {
      JsonNode session = message.get("sessionId");
      eventHandler.accept(
          new CdpEvent(session == null ? null : session.asText(), method.asText(), message.path("params")));
    }
  }

  private static String startOf(String text) {
    return text.substring(0, Math.min(text.length(), MessageLimit.START_KEPT));
  }

  /**
   * A message that could not be read: named as far as its start tells (an event's method and
   * request, or the command a reply answers, whose future fails with the reason).
   */
  private void lost(DroppedMessage dropped) {
    Matcher replyId = REPLY_ID.matcher(dropped.start());
    Pending command = replyId.find() ? pending.remove(Long.parseLong(replyId.group(1))) : null;
    if (command == null) {
      Matcher method = METHOD.matcher(dropped.start());
      Matcher requestId = REQUEST_ID.matcher(dropped.start());
      lostHandler.accept(new LostMessage(method.find() ? method.group(1) : "a message",
          requestId.find() ? requestId.group(1) : null, dropped.size(), dropped.reason()));
      return;
    }
    // Reported before the command fails: its failure may end what the report names (an exchange).
    lostHandler.accept(
        new LostMessage("the reply to " + command.method(), command.requestId(), dropped.size(), dropped.reason()));
    command.reply().completeExceptionally(new CdpException("its reply of " + MessageLimit.describe(dropped.size())
        + " was dropped: " + dropped.reason()));
  }

  private void onClosed(String reason) {
    if (closed.complete(reason)) {
      CdpException gone = new CdpException("connection closed: " + reason);
      pending.values().forEach(p -> p.reply().completeExceptionally(gone));
      pending.clear();
    }
  }

  @Override
  public void close() {
    transport.close();
  }
}
