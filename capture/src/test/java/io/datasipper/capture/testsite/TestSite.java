package io.datasipper.capture.testsite;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A local site that exercises every kind of traffic DataSipper must capture, and records what it
 * really sent and received. {@code /} runs the whole scenario and POSTs {@code /api/done} at the
 * end; {@code localhost} and {@code 127.0.0.1} are two sites, so the iframe is cross-origin.
 * {@code /live.html} reads two event streams with fetch: one that stays open until the site
 * closes, and a finite one written in small pieces. {@code /mixed.html?own=ORIGIN} also calls a
 * server standing in for DataSipper's own, and {@code /api/from/NAME} answers anyone, so tests can
 * tell who called.
 */
public final class TestSite implements AutoCloseable {
  /** Text frames the page sends; the server answers each, so twice this many cross the socket. */
  public static final int WS_TEXT_FRAMES_EACH_WAY = 2_600;
  public static final int WS_BINARY_FRAMES_EACH_WAY = 20;
  public static final int SSE_EVENT_SOURCE_MESSAGES = 20;
  public static final int SSE_FETCH_MESSAGES = 10;
  public static final int BIG_BODY_BYTES = 3 * 1024 * 1024;
  public static final int SSE_CHUNKED_MESSAGES = 40;

  /** One message of {@code /sse/live}: as written on the wire, and as it should be parsed. */
  public record LiveMessage(String wire, String event, String lastEventId, String data) {}

  /** Every line ending and field kind, and non-ASCII text; a comment and a retry come first. */
  public static final List<LiveMessage> LIVE_SSE = List.of(
      new LiveMessage("event: price\r\nid: p1\r\ndata: {\"sym\":\"\u00c4\u20ac\",\"px\":1}\r\n\r\n",
          "price", "p1", "{\"sym\":\"\u00c4\u20ac\",\"px\":1}"),
      new LiveMessage("event: price\rid: p2\rdata: line one\rdata: line two \uD83D\uDE00\r\r",
          "price", "p2", "line one\nline two \uD83D\uDE00"),
      new LiveMessage("data: unnamed\n\n", "message", "p2", "unnamed"),
      new LiveMessage("event: news\nid: n3\ndata: a\ndata:\ndata: c\n\n", "news", "n3", "a\n\nc"));
  private static final String LIVE_SSE_PREAMBLE = ": connected\nretry: 2000\n\n";
  private static final long LIVE_SSE_PAUSE_MS = 150;

  private final SiteLog log = new SiteLog();
  private final CountDownLatch done = new CountDownLatch(1);
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<Thread> feeds = new CopyOnWriteArrayList<>();
  private final int refusedPort = freePort();
  private final Javalin app;

  public TestSite() {
    app = Javalin.create(cfg -> {
      cfg.jetty.host = "127.0.0.1";
      cfg.startup.showJavalinBanner = false;
      cfg.routes.get("/", ctx -> page(ctx, "index.html"));
      cfg.routes.get("/frame.html", ctx -> page(ctx, "frame.html"));
      cfg.routes.get("/live.html", ctx -> page(ctx, "live.html"));
      cfg.routes.get("/mixed.html", ctx -> page(ctx, "mixed.html"));
      cfg.routes.get("/worker.js", ctx -> script(ctx, "worker.js"));
      cfg.routes.get("/sw.js", ctx -> script(ctx, "sw.js"));
      cfg.routes.get("/api/items", ctx -> json(ctx, "{\"items\":[{\"id\":1,\"color\":\"" + ctx.queryParam("color") + "\"}]}"));
      cfg.routes.post("/api/echo", ctx -> json(ctx, "{\"received\":" + ctx.body() + "}"));
      cfg.routes.post("/api/upload", ctx -> json(ctx, "{\"bytes\":" + ctx.bodyAsBytes().length + "}"));
      cfg.routes.get("/redirect/1", ctx -> redirect(ctx, "/redirect/2"));
      cfg.routes.get("/redirect/2", ctx -> redirect(ctx, "/api/final"));
      // Where ?to= says: a page's request that a redirect takes elsewhere (CORS allowed for it).
      cfg.routes.get("/redirect/away", ctx -> {
        ctx.header("Access-Control-Allow-Origin", "*");
        redirect(ctx, ctx.queryParam("to"));
      });
      cfg.routes.get("/api/final", ctx -> json(ctx, "{\"final\":true}"));
      cfg.routes.get("/img/pixel.png", ctx -> respond(ctx, 200, "image/png", PIXEL_PNG));
      cfg.routes.get("/big", ctx -> respond(ctx, 200, "text/plain", bigBody()));
      cfg.routes.get("/api/from-worker", ctx -> json(ctx, "{\"from\":\"worker\"}"));
      cfg.routes.get("/api/from-sw", ctx -> json(ctx, "{\"from\":\"service-worker\"}"));
      cfg.routes.get("/api/from-iframe", ctx -> json(ctx, "{\"from\":\"iframe\"}"));
      cfg.routes.get("/api/from/{who}", ctx -> json(ctx, "{}"));
      cfg.routes.get("/sse/finite", this::finiteEventStream);
      cfg.routes.get("/sse/live", this::liveEventStream);
      cfg.routes.get("/sse/chunked", this::chunkedEventStream);
      cfg.routes.get("/sse/chunked-reader", this::chunkedEventStream);
      cfg.routes.sse("/sse/feed", client -> {
        client.keepAlive();
        feeds.add(Thread.ofVirtual().start(() -> feed(client)));
      });
      cfg.routes.post("/api/done", ctx -> {
        json(ctx, "{}");
        done.countDown();
      });
      cfg.routes.ws("/ws/echo", ws -> {
        ws.onMessage(m -> onText(m, m.message()));
        ws.onBinaryMessage(m -> {
          ByteBuffer data = m.data();
          byte[] bytes = new byte[data.remaining()];
          data.get(bytes);
          log.wsReceived(new SiteLog.Frame(false, null, bytes));
        });
      });
      cfg.routes.error(404, ctx -> {
        if (!ctx.path().startsWith("/ws")) {
          log.hit(new SiteLog.Hit(ctx.method().name(), ctx.path(), host(ctx), 404, ctx.bodyAsBytes(), new byte[0]));
        }
      });
    }).start(0);
  }

  private void onText(io.javalin.websocket.WsMessageContext ws, String message) {
    log.wsReceived(new SiteLog.Frame(true, message, null));
    if (message.equals("end")) {
      for (int i = 0; i < WS_BINARY_FRAMES_EACH_WAY; i++) {
        byte[] bytes = {(byte) i, (byte) 0xff, 0, (byte) 0x80, (byte) (255 - i)};
        log.wsSent(new SiteLog.Frame(false, null, bytes));
        ws.send(ByteBuffer.wrap(bytes));
      }
      sendText(ws, "server-done");
    } else if (message.startsWith("cli-")) {
      sendText(ws, "srv-" + message.substring(4) + "-\u00e9\u4e16");
    }
  }

  private void sendText(io.javalin.websocket.WsContext ws, String text) {
    log.wsSent(new SiteLog.Frame(true, text, null));
    ws.send(text);
  }

  private void feed(io.javalin.http.sse.SseClient client) {
    try {
      for (int i = 0; i < SSE_EVENT_SOURCE_MESSAGES && !client.terminated(); i++) {
        String data = "{\"tick\":" + i + "}";
        log.sseSent(data);
        client.sendEvent("tick", data, "id-" + i);
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The stream is left open: the page closes it after the last message (a closed stream would make
    // its EventSource reconnect), and the site's stop ends it otherwise. Never client.close(): on a
    // response Jetty has recycled (the browser went away first) Javalin fails in its error handling
    // over and over, flooding the log of every later test in the JVM.
  }


  private void finiteEventStream(Context ctx) {
    StringBuilder body = new StringBuilder(": a comment line\n\n");
    for (int i = 0; i < SSE_FETCH_MESSAGES; i++) {
      body.append("event: quote\nid: q").append(i).append("\ndata: {\"q\":").append(i).append("}\ndata: line2\n\n");
    }
    respond(ctx, 200, "text/event-stream", body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@link #LIVE_SSE} a message at a time in 3-byte pieces, then holds the stream open. */
  private void liveEventStream(Context ctx) throws IOException, InterruptedException {
    OutputStream out = startStream(ctx);
    Thread.sleep(2 * LIVE_SSE_PAUSE_MS); // the headers arrive well before the first message
    writeInPieces(out, LIVE_SSE_PREAMBLE.getBytes(StandardCharsets.UTF_8), 3, 0);
    for (LiveMessage m : LIVE_SSE) {
      Thread.sleep(LIVE_SSE_PAUSE_MS);
      writeInPieces(out, m.wire().getBytes(StandardCharsets.UTF_8), 3, 0);
      log.liveSseSent(Instant.now());
    }
    closing.await();
  }

  /**
   * A finite stream written 7 bytes at a time, so messages, lines and characters span chunks. It
   * starts late and ends slowly enough to be parsed live: written at once, it would end before the
   * browser is asked to stream it.
   */
  private void chunkedEventStream(Context ctx) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < SSE_CHUNKED_MESSAGES; i++) {
      body.append("id: c").append(i).append("\r\ndata: ").append(chunkedSseData(i).replace("\n", "\r\ndata: "))
          .append("\r\n\r\n");
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    log.hit(new SiteLog.Hit(ctx.method().name(), ctx.path(), host(ctx), 200, ctx.bodyAsBytes(), bytes));
    OutputStream out = startStream(ctx);
    Thread.sleep(2 * LIVE_SSE_PAUSE_MS);
    writeInPieces(out, bytes, 7, 1);
  }

  /** Expected data of the i-th message of {@code /sse/chunked}. */
  public static String chunkedSseData(int i) {
    return "n\u00b0" + i + " \u4e16\u754c\nsecond line";
  }

  /** No charset declared, as most servers send event streams: they are UTF-8 by definition. */
  private static OutputStream startStream(Context ctx) throws IOException {
    ctx.status(200).contentType("text/event-stream").header("Cache-Control", "no-store");
    ctx.res().flushBuffer();
    return ctx.res().getOutputStream();
  }

  private static void writeInPieces(OutputStream out, byte[] bytes, int pieceBytes, long pauseMs)
      throws IOException, InterruptedException {
    for (int at = 0; at < bytes.length; at += pieceBytes) {
      out.write(bytes, at, Math.min(pieceBytes, bytes.length - at));
      out.flush();
      Thread.sleep(pauseMs);
    }
  }

  /** Expected data of the i-th message of {@code /sse/finite}. */
  public static String finiteSseData(int i) {
    return "{\"q\":" + i + "}\nline2";
  }

  public static byte[] bigBody() {
    byte[] body = new byte[BIG_BODY_BYTES];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) ('a' + i % 26);
    }
    return body;
  }

  private void page(Context ctx, String name) {
    String html = resource(name).replace("REFUSED_PORT", String.valueOf(refusedPort)).replace("SITE_PORT", String.valueOf(port()));
    respond(ctx, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  private void script(Context ctx, String name) {
    respond(ctx, 200, "text/javascript", resource(name).getBytes(StandardCharsets.UTF_8));
  }

  private void json(Context ctx, String body) {
    respond(ctx, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private void redirect(Context ctx, String location) {
    ctx.header("Location", location);
    respond(ctx, 302, "text/plain", new byte[0]);
  }

  private void respond(Context ctx, int status, String contentType, byte[] body) {
    log.hit(new SiteLog.Hit(ctx.method().name(), ctx.path(), host(ctx), status, ctx.bodyAsBytes(), body));
    ctx.status(status).contentType(contentType).header("Cache-Control", "no-store").result(body);
  }

  private static String host(Context ctx) {
    String host = ctx.host();
    return host == null ? "" : host.replaceAll(":\\d+$", "");
  }

  private static String resource(String name) {
    try (InputStream in = TestSite.class.getResourceAsStream("/testsite/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return app.port();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public int refusedPort() {
    return refusedPort;
  }

  public SiteLog log() {
    return log;
  }

  /** Waits until the page reported that it ran the whole scenario. */
  public boolean awaitDone(long seconds) throws InterruptedException {
    return done.await(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    closing.countDown();
    feeds.forEach(Thread::interrupt);
    app.stop();
  }

  /** A valid 1x1 PNG. */
  public static final byte[] PIXEL_PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
