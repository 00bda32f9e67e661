package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.capture.testsite.TestSite;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attaching to a browser the user started with a debugging port. */
class AttachTest {
  @TempDir Path dir;

  @Test
  void capturesATabTheUserOpensInTheirOwnBrowser() throws Exception {
    LaunchOptions options = Chromium.headless(dir.resolve("user-profile"));
    List<String> command = new ArrayList<>(List.of(options.chromium().toString(), "--remote-debugging-port=0"));
    command.addAll(ChromiumProcess.flags(options).stream().filter(f -> !f.equals("--remote-debugging-pipe")).toList());
    Process userBrowser = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("browser.log").toFile()).start();
    try (TestSite site = new TestSite()) {
      URI cdpUrl = URI.create("http://127.0.0.1:" + debuggingPort(options.profileDir()));
      CollectingSink sink = new CollectingSink();
      try (Capture capture = Capture.attach(cdpUrl, CaptureRules.defaults(), new EventStamps(1), sink)) {
        capture.open(site.url("/"));
        assertThat(sink.await(e -> e instanceof HttpEvent h && h.url().endsWith("/api/items?color=red"),
            Duration.ofSeconds(60))).isTrue();
      }
      assertThat(sink.http("/")).hasSize(1);
      assertThat(userBrowser.isAlive()).as("detaching leaves the user's browser running").isTrue();
    } finally {
      stopWithItsHelpers(userBrowser);
    }
  }

  /**
   * Ends the user's browser and every process it started before the temp dir is deleted: the
   * renderers and helpers outlive the browser process for a moment and keep writing to the profile.
   */
  private static void stopWithItsHelpers(Process browser) throws InterruptedException {
    List<ProcessHandle> helpers = browser.descendants().toList();
    browser.destroy();
    if (!browser.waitFor(10, TimeUnit.SECONDS)) {
      browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    helpers.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (helpers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    helpers.forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void anUnreachableUrlSaysHowToStartTheBrowser() {
    assertThatThrownBy(() -> Capture.attach(URI.create("http://127.0.0.1:1"), CaptureRules.defaults(),
            new EventStamps(1), new CollectingSink()))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("cannot reach a browser at http://127.0.0.1:1")
        .hasMessageContaining("--remote-debugging-port");
  }

  @Test
  void aDebuggingAddressThatAnswersTooMuchOrNotJsonIsNamed() throws Exception {
    assertThatThrownBy(() -> attachTo(new byte[10 << 20]))
        .isInstanceOf(CaptureException.class)
        .hasMessageEndingWith("/json/version answered with more than 64 KiB: is this a browser's debugging port?");
    assertThatThrownBy(() -> attachTo("<html>a web server</html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CaptureException.class)
        .hasMessageEndingWith("/json/version did not answer with JSON: is this a browser's debugging port?");
  }

  /** Attaches to a local server that answers /json/version with this body. */
  private static void attachTo(byte[] versionBody) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/json/version", exchange -> {
      exchange.sendResponseHeaders(200, versionBody.length);
      exchange.getResponseBody().write(versionBody);
      exchange.close();
    });
    server.start();
    try {
      Capture.attach(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), CaptureRules.defaults(),
          new EventStamps(1), new CollectingSink()).close();
    } finally {
      server.stop(0);
    }
  }

  private static int debuggingPort(Path profile) throws Exception {
    Path file = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return Integer.parseInt(lines.get(0).trim());
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the browser did not write " + file);
  }
}
