package io.datasipper.bench;

import io.javalin.Javalin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * The page of {@link PageLoadBench}, served on 127.0.0.1: it makes 40 fetches, loads 10 images and
 * reads 500 WebSocket frames at once, then reports how long that took since its navigation started
 * (the page's own {@code performance.now()}). Nothing is cached, so every load does all of it.
 */
final class PageSite implements AutoCloseable {
  static final int FETCHES = 40;
  static final int IMAGES = 10;
  static final int FRAMES = 500;

  private static final String PAGE = """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>page</title></head><body>
      <script>
        const run = new URLSearchParams(location.search).get('run');
        const fetches = Array.from({length: %d}, (_, i) => fetch('/api/item/' + i + '?run=' + run).then(r => r.json()));
        const images = Array.from({length: %d}, (_, i) => new Promise((resolve, reject) => {
          const img = new Image();
          img.onload = resolve;
          img.onerror = reject;
          img.src = '/img/' + i + '.png?run=' + run;
          document.body.appendChild(img);
        }));
        const frames = new Promise(resolve => {
          let n = 0;
          const ws = new WebSocket('ws://' + location.host + '/ws?run=' + run);
          ws.onmessage = () => { if (++n === %d) { ws.close(); resolve(); } };
        });
        // The tab closes itself once it has reported, so that no browser collects idle tabs.
        Promise.all([...fetches, ...images, frames]).then(
          () => fetch('/done?run=' + run + '&ms=' + performance.now()),
          e => fetch('/done?run=' + run + '&error=' + encodeURIComponent(String(e))))
          .finally(() => window.close());
      </script>
      </body></html>
      """.formatted(FETCHES, IMAGES, FRAMES);

  private final Map<String, CompletableFuture<Double>> done = new ConcurrentHashMap<>();
  private final Javalin app;

  PageSite() throws IOException {
    byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
    byte[] png = png();
    app = Javalin.create(cfg -> {
      cfg.jetty.host = "127.0.0.1";
      cfg.startup.showJavalinBanner = false;
      cfg.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store")
          .result(page));
      cfg.routes.get("/api/item/{i}", ctx -> ctx.contentType("application/json").header("Cache-Control", "no-store")
          .result("{\"item\":" + ctx.pathParam("i") + ",\"name\":\"item " + ctx.pathParam("i")
              + "\",\"price\":12.5,\"tags\":[\"a\",\"b\",\"c\"]}"));
      cfg.routes.get("/img/{name}", ctx -> ctx.contentType("image/png").header("Cache-Control", "no-store").result(png));
      cfg.routes.get("/done", ctx -> {
        String error = ctx.queryParam("error");
        CompletableFuture<Double> f = loaded(ctx.queryParam("run"));
        if (error != null) {
          f.completeExceptionally(new IllegalStateException("the page failed: " + error));
        } else {
          f.complete(Double.parseDouble(ctx.queryParam("ms")));
        }
        ctx.result("ok");
      });
      cfg.routes.ws("/ws", ws -> ws.onConnect(c -> {
        String frame = "{\"tick\":%d,\"symbol\":\"ACME\",\"price\":101.25,\"volume\":1200}";
        for (int i = 0; i < FRAMES; i++) {
          c.send(frame.formatted(i));
        }
      }));
    }).start(0);
  }

  String url(String run) {
    return "http://127.0.0.1:" + app.port() + "/?run=" + run;
  }

  /** Completes with the page's load time in ms once the load named {@code run} reports. */
  CompletableFuture<Double> loaded(String run) {
    return done.computeIfAbsent(run, r -> new CompletableFuture<>());
  }

  private static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | 128);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Override
  public void close() {
    app.stop();
  }
}
