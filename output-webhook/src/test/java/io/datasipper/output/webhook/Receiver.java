package io.datasipper.output.webhook;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;

/** A webhook receiver on 127.0.0.1: keeps every request and answers as {@link #respond} says. */
final class Receiver implements AutoCloseable {
  record Request(long receivedNanos, Headers headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** @param streamedBytes when above 0, the body is that many bytes of {@code x}, streamed in chunks */
  record Response(int status, Map<String, String> headers, String body, long delayMs, long streamedBytes) {
    static final Response OK = new Response(200, Map.of(), "", 0);

    Response(int status, Map<String, String> headers, String body, long delayMs) {
      this(status, headers, body, delayMs, 0);
    }

    static Response streamed(int status, long bytes) {
      return new Response(status, Map.of(), "", 0, bytes);
    }

    static Response status(int status, String body) {
      return new Response(status, Map.of(), body, 0);
    }
  }

  interface Responder {
    Response respond(Request request, int index);
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  /** For each streamed body, how many bytes went out before it ended or the client hung up. */
  final BlockingQueue<Long> streamedBytesSent = new LinkedBlockingQueue<>();
  private final HttpServer server;
  private volatile Responder responder = (r, i) -> Response.OK;

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/hook", exchange -> {
      Request request = new Request(System.nanoTime(), exchange.getRequestHeaders(),
          exchange.getRequestBody().readAllBytes());
      int index;
      synchronized (requests) {
        requests.add(request);
        index = requests.size() - 1;
      }
      Response response = responder.respond(request, index);
      if (response.delayMs() > 0) {
        sleep(response.delayMs());
      }
      response.headers().forEach(exchange.getResponseHeaders()::add);
      if (response.streamedBytes() > 0) {
        stream(exchange, response);
        return;
      }
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  private void stream(HttpExchange exchange, Response response) throws IOException {
    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    long sent = 0;
    exchange.sendResponseHeaders(response.status(), 0);
    try (OutputStream out = exchange.getResponseBody()) {
      while (sent < response.streamedBytes()) {
        out.write(chunk);
        sent += chunk.length;
      }
    } catch (IOException hungUp) {
      // the client stopped reading
    } finally {
      streamedBytesSent.add(sent);
      exchange.close();
    }
  }

  void respond(Responder responder) {
    this.responder = responder;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
