package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket frames and bodies larger than a JSON reader's usual string limit (20 million
 * characters), in a real headless Chromium: kept whole up to {@code maxBodyBytes}, cut and marked
 * truncated past it, and a protocol message too large to read is a {@code capture_error} naming
 * what was lost, after which the capture goes on.
 */
class LargeMessageCaptureTest {
  private static final int FRAME_CHARS = 25_000_000;
  private static final int BODY_BYTES = 30_000_000;
  /** Over the protocol message limit of the 16 MiB rules (64 MiB): too large to read at all. */
  private static final int HUGE_FRAME_CHARS = 70 * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void aLargeFrameAndBodyAreKeptWholeUnderARaisedLimit() throws Exception {
    CollectingSink sink = capture(32L << 20, "/large.html");

    WsFrameEvent frame = frame(sink, FRAME_CHARS);
    assertThat(frame.payload().truncated()).isFalse();
    assertThat(frame.payload().data()).hasSize(FRAME_CHARS).startsWith("frame:").endsWith("z");
    Body body = body(sink);
    assertThat(body.size()).isEqualTo(BODY_BYTES);
    assertThat(body.truncated()).isFalse();
    assertThat(body.data()).hasSize(BODY_BYTES).startsWith("body:").endsWith("z");
    assertThat(sink.of(CaptureErrorEvent.class)).isEmpty();
  }

  @Test
  void pastTheLimitTheyAreCutAndWhatCannotBeReadIsAnError() throws Exception {
    long limit = 16L << 20;
    CollectingSink sink = capture(limit, "/large.html?huge");

    WsFrameEvent frame = frame(sink, FRAME_CHARS);
    assertThat(frame.payload().truncated()).isTrue();
    assertThat(frame.payload().data()).hasSize((int) limit).startsWith("frame:");
    Body body = body(sink);
    assertThat(body.size()).isEqualTo(BODY_BYTES);
    assertThat(body.truncated()).isTrue();
    assertThat(body.data()).hasSize((int) limit).startsWith("body:");
    assertThat(sink.of(WsFrameEvent.class)).as("the frame after the huge one")
        .anyMatch(f -> "after".equals(f.payload().data()));
    assertThat(sink.of(CaptureErrorEvent.class)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("message_dropped");
      assertThat(e.message()).contains("Network.webSocketFrameReceived", "/ws/large", "70.0 MiB", "64.0 MiB");
    });
  }

  private CollectingSink capture(long maxBodyBytes, String page) throws Exception {
    CaptureRules rules = new CaptureRules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        maxBodyBytes, List.of(), List.of(), false);
    CollectingSink sink = new CollectingSink();
    Javalin site = site();
    try (Capture capture = Capture.launch(Chromium.headless(dir.resolve("profile")), rules, new EventStamps(1), sink)) {
      capture.open("http://127.0.0.1:" + site.port() + page);
      assertThat(sink.await(e -> e instanceof HttpEvent h && h.url().endsWith("/done"), Duration.ofSeconds(60)))
          .as("the page finished; captured: %s", sink.events().stream().map(CaptureEvent::type).toList()).isTrue();
    } finally {
      site.stop();
    }
    return sink;
  }

  private static WsFrameEvent frame(CollectingSink sink, long length) {
    return sink.of(WsFrameEvent.class).stream()
        .filter(f -> f.direction() == WsFrameEvent.Direction.RECEIVED && f.length() == length)
        .findFirst().orElseThrow(() -> new AssertionError("no frame of " + length + " characters in "
            + sink.of(WsFrameEvent.class).stream().map(WsFrameEvent::length).toList()));
  }

  private static Body body(CollectingSink sink) {
    List<HttpEvent> bodies = sink.http("/body");
    assertThat(bodies).singleElement().extracting(HttpEvent::response).isNotNull();
    return bodies.getFirst().response().body();
  }

  /** A page that takes a large frame (a huge one too, with ?huge), then a small one, then fetches a large body. */
  private static Javalin site() {
    return Javalin.create(cfg -> {
      cfg.jetty.host = "127.0.0.1";
      cfg.startup.showJavalinBanner = false;
      cfg.routes.get("/large.html", ctx -> ctx.contentType("text/html").result("""
          <!doctype html><script>
          const ws = new WebSocket('ws://' + location.host + '/ws/large' + location.search);
          ws.onmessage = async (m) => {
            if (m.data !== 'after') return;
            const r = await fetch('/body');
            await r.text();
            ws.close();
            await fetch('/done');
          };
          </script>"""));
      cfg.routes.get("/body", ctx -> ctx.contentType("text/plain").header("Cache-Control", "no-store")
          .result(filled("body:", BODY_BYTES)));
      cfg.routes.get("/done", ctx -> ctx.result("done"));
      cfg.routes.ws("/ws/large", ws -> ws.onConnect(c -> {
        c.send(filled("frame:", FRAME_CHARS));
        if (c.queryParamMap().containsKey("huge")) {
          c.send(filled("huge:", HUGE_FRAME_CHARS));
        }
        c.send("after");
      }));
    }).start(0);
  }

  /** ASCII text of exactly {@code length} characters: the prefix, then a's, ending in z. */
  private static String filled(String prefix, int length) {
    return prefix + "a".repeat(length - prefix.length() - 1) + "z";
  }
}
