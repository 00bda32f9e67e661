package io.datasipper.capture.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A DevTools protocol connection with flat sessions: commands with ids and their replies, and
 * events routed by session id. Replies and events are handled on the transport's single reader
 * thread, so handlers see one consistent order and must not block.
 */
public final class CdpConnection implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final CdpTransport transport;
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private volatile Consumer<CdpEvent> eventHandler = e -> {};
  // Held while a message is handled, so other threads can act on handler state between messages.
  private final Object handling = new Object();

  public CdpConnection(CdpTransport transport) {
    this.transport = transport;
  }

  /** Starts reading; events go to the handler from then on. */
  public void start(Consumer<CdpEvent> handler) {
    this.eventHandler = handler;
    transport.start(
        text -> runExclusive(() -> dispatch(text)), reason -> runExclusive(() -> onClosed(reason)));
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
    pending.put(id, reply);
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
    } catch (java.io.IOException e) {
      return; // not JSON: nothing a protocol peer would send; ignore it rather than stop reading
    }
    JsonNode id = message.get("id");
    if (id != null) {
      CompletableFuture<JsonNode> reply = pending.remove(id.asLong());
      if (reply != null) {
        JsonNode error = message.get("error");
        if (error != null) {
          reply.completeExceptionally(new CdpException(error.path("message").asText()));
        } else {
          reply.complete(message.path("result"));
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

  private void onClosed(String reason) {
    if (closed.complete(reason)) {
      CdpException gone = new CdpException("connection closed: " + reason);
      pending.values().forEach(f -> f.completeExceptionally(gone));
      pending.clear();
    }
  }

  @Override
  public void close() {
    transport.close();
  }
}
