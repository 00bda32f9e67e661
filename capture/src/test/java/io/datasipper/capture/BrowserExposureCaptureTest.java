package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.security.auth.module.UnixSystem;
import io.datasipper.api.event.EventStamps;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What keeps the DevTools of a captured browser to DataSipper alone. */
class BrowserExposureCaptureTest {
  @TempDir Path dir;

  @Test
  void flagsThatOpenTheDevToolsCannotBePassedToTheBrowser() {
    for (String flag : List.of("--remote-debugging-port=9222", "-remote-debugging-port=9222",
        "--remote-debugging-port 9222", "--Remote-Debugging-Address=0.0.0.0", "--remote-allow-origins=*")) {
      assertThatThrownBy(() -> new LaunchOptions(Path.of("/usr/lib/chromium/chromium"), dir, false, List.of(flag)))
          .as(flag).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'" + flag + "' is refused");
    }
    assertThat(new LaunchOptions(Path.of("/usr/lib/chromium/chromium"), dir, false,
        List.of("--proxy-server=127.0.0.1:8080", "--lang=de", "http://example.test/--remote-debugging-port")).extraArgs())
        .as("other flags and values pass").hasSize(3);
  }

  @Test
  void attachOnlyToLoopbackUnlessAllowed() throws Exception {
    for (String local : List.of("http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1")) {
      assertThatThrownBy(() -> Capture.attach(URI.create(local), CaptureRules.defaults(), new EventStamps(1),
          new CollectingSink())).as(local).hasMessageContaining("cannot reach a browser at " + local);
    }
    assertThatThrownBy(() -> Capture.attach(URI.create("ws://0.0.0.0:1/devtools/browser/x"), CaptureRules.defaults(),
        new EventStamps(1), new CollectingSink()))
        .isInstanceOf(CaptureException.class).hasMessageContaining("is not a loopback address");
  }

  @Test
  void aLoopbackAddressThatNamesAnEndpointElsewhereIsRefused() throws Exception {
    String elsewhere = "ws://0.0.0.0:9/devtools/browser/x";
    HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext("/json/version", exchange -> {
      byte[] body = ("{\"webSocketDebuggerUrl\":\"" + elsewhere + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    fake.start();
    try {
      URI cdpUrl = URI.create("http://127.0.0.1:" + fake.getAddress().getPort());
      assertThatThrownBy(() -> Capture.attach(cdpUrl, CaptureRules.defaults(), new EventStamps(1),
          new CollectingSink()))
          .isInstanceOf(CaptureException.class)
          .hasMessageStartingWith("the DevTools endpoint (named by " + cdpUrl + ") " + elsewhere
              + " is not a loopback address");
    } finally {
      fake.stop(0);
    }
  }

  /** Chromium refuses to start as root with its sandbox; the user.name property is no guide to who we are. */
  @Test
  void theSandboxFollowsTheProcessUidNotTheUserNameProperty() throws Exception {
    boolean root = new UnixSystem().getUid() == 0;
    String userName = System.getProperty("user.name");
    try {
      System.setProperty("user.name", root ? "someone" : "root");
      LaunchOptions options = Chromium.headless(dir.resolve("profile"));
      assertThat(ChromiumProcess.flags(options).contains("--no-sandbox")).as("uid 0: %s", root).isEqualTo(root);
      try (Capture capture = Capture.launch(options, CaptureRules.defaults(), new EventStamps(1),
          new CollectingSink())) {
        assertThat(capture.launchedBrowser()).as("the browser came up").isTrue();
      }
    } finally {
      System.setProperty("user.name", userName);
    }
  }
}
