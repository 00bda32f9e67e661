package io.datasipper.server.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.datasipper.api.event.EventStamps;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.Chromium;
import io.datasipper.capture.CollectingSink;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerPart;
import io.javalin.config.RoutesConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard as a user's browser meets it, in a real headless Chromium: the dashboard URL leaves
 * the address bar without its token, the page works with the cookie it got for it, its inline
 * script does not run; and a page of another origin on the same machine (same site: cookies are
 * shared between the ports of a host) can neither change anything, nor read, nor open the feed.
 */
class BrowserGuardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void theDashboardWorksWithItsCookieAndAnotherOriginsPageGetsNothing() throws Exception {
    OwnPages own = new OwnPages();
    HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    BlockingQueue<String> otherReports = new LinkedBlockingQueue<>();
    try (LocalServer server = LocalServer.start(0, List.of(own))) {
      other.createContext("/", exchange -> {
        String path = exchange.getRequestURI().getPath();
        byte[] page = path.equals("/") ? hostilePage(server.port()).getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (path.equals("/report")) {
          otherReports.add(exchange.getRequestURI().getQuery());
        }
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, page.length == 0 ? -1 : page.length);
        exchange.getResponseBody().write(page);
        exchange.close();
      });
      other.start();
      try (Capture browser = Capture.launch(Chromium.headless(dir.resolve("profile")), CaptureRules.defaults(),
          new EventStamps(1), new CollectingSink())) {
        browser.open(server.dashboardUrl().toString());
        JsonNode report = JSON.readTree(own.reports.poll(60, TimeUnit.SECONDS));
        assertThat(report.path("href").asText()).as("the token left the address bar").isEqualTo(server.address() + "/");
        assertThat(report.path("cookie").asText()).as("scripts cannot read the token cookie").isEmpty();
        assertThat(report.path("thing").asText()).as("the page's fetch went through with the cookie").isEqualTo("{\"thing\":1}");
        assertThat(own.reports.poll(30, TimeUnit.SECONDS)).as("the page's live feed opened").isEqualTo("feed:hello");
        assertThat(own.inlineRuns).as("the Content-Security-Policy kept the inline script from running").hasValue(0);

        browser.open("http://127.0.0.1:" + other.getAddress().getPort() + "/");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          seen.add(otherReports.poll(60, TimeUnit.SECONDS));
        }
        assertThat(seen).containsExactlyInAnyOrder("post=blocked", "read=blocked", "feed=refused");
        assertThat(own.echoes).as("the other origin's POST reached no route, though its cookie was sent").hasValue(0);
      }
    } finally {
      other.stop(0);
    }
  }

  /**
   * A page of another origin on 127.0.0.1, as a rogue local dev server might serve: it posts, reads
   * and opens the feed with the browser's cookies, and reports what it got to its own server.
   */
  private static String hostilePage(int port) {
    String target = "127.0.0.1:" + port;
    return """
        <!doctype html><script>
        const report = (what) => fetch('/report?' + what);
        fetch('http://%1$s/api/echo', {method: 'POST', credentials: 'include', body: 'x'})
          .then(r => report('post=' + r.status), () => report('post=blocked'));
        fetch('http://%1$s/api/thing', {credentials: 'include'}).then(r => r.text())
          .then(t => report('read=' + encodeURIComponent(t)), () => report('read=blocked'));
        const ws = new WebSocket('ws://%1$s/api/feed');
        ws.onmessage = (m) => report('feed=' + m.data);
        ws.onerror = () => report('feed=refused');
        </script>
        """.formatted(target);
  }

  /** The server's own page: an external script that reports what it sees, and an inline one CSP must stop. */
  private static final class OwnPages implements ServerPart {
    final BlockingQueue<String> reports = new LinkedBlockingQueue<>();
    final AtomicInteger inlineRuns = new AtomicInteger();
    final AtomicInteger echoes = new AtomicInteger();

    @Override
    public void addRoutes(RoutesConfig routes) {
      routes.get("/", ctx -> ctx.html("<!doctype html><script src=\"/app.js\"></script>"
          + "<script>fetch('/api/inline', {method: 'POST'})</script>"));
      routes.get("/app.js", ctx -> ctx.contentType("text/javascript").result("""
          fetch('/api/thing').then(r => r.text()).then(thing => fetch('/api/report', {method: 'POST',
            body: JSON.stringify({href: location.href, cookie: document.cookie, thing: thing})}))
            .then(() => {
              const ws = new WebSocket('ws://' + location.host + '/api/feed');
              ws.onmessage = (m) => fetch('/api/report', {method: 'POST', body: 'feed:' + m.data});
            });
          """));
      routes.get("/api/thing", ctx -> ctx.json(Map.of("thing", 1)));
      routes.post("/api/report", ctx -> reports.add(ctx.body()));
      routes.post("/api/inline", ctx -> inlineRuns.incrementAndGet());
      routes.post("/api/echo", ctx -> echoes.incrementAndGet());
      routes.ws("/api/feed", ws -> ws.onConnect(ctx -> ctx.send("hello")));
    }
  }
}
