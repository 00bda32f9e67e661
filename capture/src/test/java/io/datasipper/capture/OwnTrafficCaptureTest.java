package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import io.datasipper.capture.testsite.TestSite;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DataSipper's own traffic in a real headless Chromium: a stand-in for the side-panel extension,
 * loaded with DataSipper's manifest key, and a second local server standing in for the dashboard,
 * registered as own. What they do, and what a user's page sends them, leaves no event; the rest of
 * the user's page is captured as ever.
 */
class OwnTrafficCaptureTest {
  private static final String[] EXTENSION_FILES = {"manifest.json", "sw.js", "panel.html", "panel.js"};
  private static final String FROM_DASHBOARD = "from-dashboard";

  @TempDir static Path dir;
  static TestSite site;
  static Javalin dashboard;
  static String dashboardOrigin;
  static final List<String> dashboardHits = new CopyOnWriteArrayList<>();
  static final CollectingSink sink = new CollectingSink();

  @BeforeAll
  static void captureOwnAndForeignTraffic() throws Exception {
    site = new TestSite();
    dashboard = startDashboard();
    dashboardOrigin = "http://127.0.0.1:" + dashboard.port();
    LaunchOptions headless = Chromium.headless(dir.resolve("profile"));
    List<String> flags = new ArrayList<>(headless.extraArgs());
    flags.add("--load-extension=" + extensionCallingTheSite());
    LaunchOptions withExtension = new LaunchOptions(headless.chromium(), headless.profileDir(), false, flags);
    CaptureRules rules = CaptureRules.defaults().withOwnOrigin(dashboardOrigin);
    try (Capture capture = Capture.launch(withExtension, rules, new EventStamps(1), sink)) {
      awaitSiteHit("/api/from/extension-worker");
      capture.open(dashboardOrigin + "/dashboard.html");
      awaitSiteHit("/api/from/dashboard");
      awaitDashboardWebSocketMessage();
      // Opens only if Chromium gave the stand-in the id DataSipper expects of its extension.
      capture.open("chrome-extension://" + OwnTraffic.EXTENSION_ID + "/panel.html");
      awaitSiteHit("/api/from/extension-page");
      capture.open(site.url("/mixed.html?own=" + dashboardOrigin));
      assertThat(site.awaitDone(60)).as("the user's page ran").isTrue();
      assertThat(sink.await(e -> e instanceof HttpEvent h && h.url().endsWith("/api/done"), Duration.ofSeconds(20)))
          .isTrue();
    }
  }

  private static Javalin startDashboard() {
    String page = "<script>fetch('/api/status'); fetch('" + site.url("/api/from/dashboard") + "');"
        + "const ws = new WebSocket('ws://127.0.0.1:" + site.port() + "/ws/echo');"
        + "ws.onopen = () => ws.send('" + FROM_DASHBOARD + "');</script>";
    return Javalin.create(cfg -> {
      cfg.jetty.host = "127.0.0.1";
      cfg.startup.showJavalinBanner = false;
      cfg.routes.before(ctx -> {
        dashboardHits.add(ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString());
        ctx.header("Access-Control-Allow-Origin", "*");
      });
      cfg.routes.get("/dashboard.html", ctx -> ctx.html(page));
      cfg.routes.get("/api/status", ctx -> ctx.contentType("application/json").result("{\"ok\":true}"));
      cfg.routes.ws("/ws", ws -> {
        ws.onConnect(c -> dashboardHits.add("/ws"));
        ws.onMessage(m -> m.send(m.message()));
      });
      cfg.routes.sse("/events", client -> {
        client.keepAlive();
        client.sendEvent("message", "hello");
      });
    }).start(0);
  }

  /** The stand-in extension, its scripts pointed at the test site. */
  private static Path extensionCallingTheSite() throws IOException {
    Path extension = Files.createDirectories(dir.resolve("extension"));
    for (String name : EXTENSION_FILES) {
      try (InputStream in = OwnTrafficCaptureTest.class.getResourceAsStream("/own-extension/" + name)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SITE_ORIGIN", site.url(""));
        Files.writeString(extension.resolve(name), text);
      }
    }
    return extension;
  }

  private static void awaitSiteHit(String path) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (site.log().hits(path).isEmpty()) {
      assertThat(System.nanoTime()).as("the site was called at %s", path).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void awaitDashboardWebSocketMessage() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (site.log().wsReceived().stream().noneMatch(f -> FROM_DASHBOARD.equals(f.data()))) {
      assertThat(System.nanoTime()).as("the dashboard's WebSocket reached the site").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @AfterAll
  static void stopServers() {
    dashboard.stop();
    site.close();
  }

  @Test
  void callsToTheDashboardLeaveNoEventWhileTheRestOfThePageIsCapturedOnce() {
    assertThat(dashboardHits).as("the page really called the dashboard").contains("/api/status", "/ws", "/events",
        "/api/status?redirected");
    assertThat(sink.events()).extracting(OwnTrafficCaptureTest::urlOf).noneMatch(OwnTrafficCaptureTest::isDashboard);
    assertThat(site.log().hits("/redirect/away")).as("the page's request redirected to the dashboard").hasSize(1);
    assertThat(sink.http("/redirect/away")).as("redirected into the dashboard: dropped whole").isEmpty();
    for (String path : List.of("/mixed.html", "/api/items", "/api/done")) {
      assertThat(sink.http(path)).as("captured %s", path).hasSize(1);
    }
  }

  @Test
  void whatTheDashboardAndTheExtensionDoLeavesNoEvent() {
    for (String path : List.of("/api/from/dashboard", "/api/from/extension-worker", "/api/from/extension-page")) {
      assertThat(site.log().hits(path)).as("the site was called at %s", path).hasSize(1);
      assertThat(sink.http(path)).as("captured %s", path).isEmpty();
    }
    assertThat(sink.events()).extracting(OwnTrafficCaptureTest::documentUrlOf)
        .noneMatch(url -> url != null && (url.startsWith("chrome-extension://") || isDashboard(url)));
    assertThat(sink.events()).as("the dashboard tab's WebSocket to the site")
        .noneMatch(e -> e instanceof WsOpenEvent || e instanceof WsFrameEvent || e instanceof WsCloseEvent);
  }

  private static boolean isDashboard(String url) {
    return url != null && url.replaceFirst("^ws", "http").startsWith(dashboardOrigin);
  }

  private static String urlOf(CaptureEvent event) {
    return switch (event) {
      case HttpEvent e -> e.url();
      case WsOpenEvent e -> e.url();
      case WsFrameEvent e -> e.url();
      case WsCloseEvent e -> e.url();
      case WsErrorEvent e -> e.url();
      case SseEvent e -> e.url();
      default -> null;
    };
  }

  private static String documentUrlOf(CaptureEvent event) {
    Source source = switch (event) {
      case HttpEvent e -> e.source();
      case SseEvent e -> e.source();
      default -> null;
    };
    return source == null ? null : source.documentUrl();
  }
}
