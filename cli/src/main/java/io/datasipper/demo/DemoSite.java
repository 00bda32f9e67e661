package io.datasipper.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small made-up trading page on 127.0.0.1 that exercises every kind of traffic DataSipper
 * captures: the page (classpath {@code demo/}) polls {@code GET /api/prices}, posts orders to
 * {@code POST /api/orders}, reads ticks from the {@code /ws/ticker} WebSocket and stories from the
 * {@code /sse/news} event stream.
 */
public final class DemoSite implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSite.class);
  private static final long TICK_MS = 200;
  private static final long NEWS_MS = 500;

  private final ObjectMapper json = new ObjectMapper();
  private final Random random = new Random();
  private final Market market = new Market(random);
  private final OrderDesk orders = new OrderDesk(market);
  private final Newsroom newsroom = new Newsroom(random);
  private final TickerSocket ticker = new TickerSocket(json);
  private final NewsStream news = new NewsStream();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("demo-site-push").daemon().factory());
  private Javalin app;

  /** Starts the site on a free port and returns its base URL, e.g. {@code http://127.0.0.1:41234}. */
  public synchronized String start() {
    if (app != null) {
      throw new IllegalStateException("the demo site is already started");
    }
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jsonMapper(new JavalinJackson(json, false));
      cfg.staticFiles.add("/demo", Location.CLASSPATH);
      cfg.routes.get("/api/prices", ctx -> ctx.json(market.prices()));
      cfg.routes.post("/api/orders", this::placeOrder);
      cfg.routes.ws("/ws/ticker", ticker::configure);
      cfg.routes.sse("/sse/news", news::connect);
    }).start("127.0.0.1", 0);
    every(TICK_MS, () -> ticker.push(market.tick()));
    every(NEWS_MS, () -> news.push(newsroom.next()));
    return "http://127.0.0.1:" + app.port();
  }

  @Override
  public synchronized void close() {
    scheduler.shutdownNow();
    if (app != null) {
      // Open event streams would otherwise hold the server's graceful stop.
      news.closeAll();
      app.stop();
    }
  }

  private void placeOrder(Context ctx) {
    OrderDesk.OrderRequest order;
    try {
      order = json.readValue(ctx.body(), OrderDesk.OrderRequest.class);
    } catch (JsonProcessingException e) {
      ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "not an order: " + e.getOriginalMessage()));
      return;
    }
    try {
      ctx.status(HttpStatus.CREATED).json(orders.place(order));
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage()));
    }
  }

  private void every(long periodMs, Runnable push) {
    // A scheduled task that throws is never run again: log and carry on instead.
    scheduler.scheduleAtFixedRate(() -> {
      try {
        push.run();
      } catch (RuntimeException e) {
        LOG.warn("demo site push failed", e);
      }
    }, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }
}
