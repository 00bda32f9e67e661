package io.datasipper.bench;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The local site the browser loads: a page that opens a WebSocket and only counts the frames it
 * gets, and the WebSocket end that sends them at a fixed rate. Listens on 127.0.0.1 only.
 */
final class FrameServer implements AutoCloseable {
  private static final String PAGE = """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>0</title></head><body>
      <script>
        let frames = 0;
        const ws = new WebSocket('ws://' + location.host + '/frames');
        ws.onmessage = () => { frames++; };
        setInterval(() => { document.title = String(frames); }, 1000);
      </script>
      </body></html>
      """;

  /** How far past its nominal length a step may run before the pacer gives up. */
  private static final double DEADLINE_SLACK = 1.05;
  private static final long DEADLINE_EXTRA_NANOS = 1_000_000_000L;

  private final BlockingQueue<WsContext> clients = new LinkedBlockingQueue<>();
  private final String padding;
  private final Javalin app;

  /**
   * @param sent frames handed to the socket
   * @param failures of those, frames the socket reported as not sent; it reports asynchronously, so
   *     read it once the frames have arrived
   * @param pacing when sending started and ended
   */
  record Sent(long sent, AtomicLong failures, Pacer.Outcome pacing) {}

  FrameServer(int payloadBytes) {
    this.padding = FramePayload.padding(payloadBytes);
    byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
    app = Javalin.create(cfg -> {
      cfg.jetty.host = "127.0.0.1";
      cfg.startup.showJavalinBanner = false;
      // A ramp step's backlog can take a while to drain with the socket quiet meanwhile.
      cfg.jetty.modifyWebSocketServletFactory(f -> f.setIdleTimeout(Duration.ofMinutes(10)));
      cfg.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store")
          .result(page));
      cfg.routes.ws("/frames", ws -> ws.onConnect(clients::add));
    }).start(0);
  }

  String pageUrl() {
    return "http://127.0.0.1:" + app.port() + "/";
  }

  /** Forgets connections of earlier page loads. */
  void forgetClients() {
    clients.clear();
  }

  /** The next page that connects, or null if none does in time. */
  WsContext awaitClient(Duration timeout) throws InterruptedException {
    return clients.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends {@code ratePerSecond * seconds} frames of this step to the client, paced; returns when done. */
  Sent send(WsContext client, int step, int ratePerSecond, int seconds) {
    AtomicLong failed = new AtomicLong();
    Callback callback = Callback.from(() -> { }, error -> failed.incrementAndGet());
    long count = (long) ratePerSecond * seconds;
    long maxNanos = (long) (seconds * 1e9 * DEADLINE_SLACK) + DEADLINE_EXTRA_NANOS;
    Pacer.Outcome pacing = Pacer.run(ratePerSecond, count, maxNanos,
        seq -> client.session.sendText(FramePayload.format(step, seq, System.nanoTime(), padding), callback));
    return new Sent(pacing.sent(), failed, pacing);
  }

  @Override
  public void close() {
    app.stop();
  }
}
