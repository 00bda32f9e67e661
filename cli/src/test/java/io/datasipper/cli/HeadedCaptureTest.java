package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.datasipper.capture.Chromium;
import io.datasipper.capture.OwnTraffic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datasipper sip --headed} and {@code demo --headed} as a user runs them, on a virtual display
 * of the test's own: the browser shows a window, DataSipper's side panel extension is loaded into
 * it, and its panel, opened in that browser beside a local page, pairs with the running DataSipper
 * by itself and lists that tab's events, the stored ones and the live ones.
 *
 * <p>DataSipper drives that browser over a pipe only it holds, and refuses flags that open a
 * debugging port. What the user would see there is read from inside: a probe extension
 * (test resources, {@code headed-probe/}) loaded beside DataSipper's, which reports to the test
 * once a second the targets the browser lists and the panel page's contents. Chromium takes the
 * last {@code --load-extension} it is given, so the sip test's names both extensions; the demo test
 * adds no flag, and sees DataSipper's extension running from outside the browser.
 */
class HeadedCaptureTest {
  /** Every wait of the test ends by then, counted from its start; the whole test takes less than a minute. */
  private static final Duration BUDGET = Duration.ofSeconds(45);
  private static final Duration STOP = Duration.ofSeconds(10);
  private static final String PROBE_FILES = "/headed-probe/";
  private static final String SERVICE_WORKER = "chrome-extension://" + OwnTraffic.EXTENSION_ID + "/background.js";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final AtomicReference<JsonNode> lastReport = new AtomicReference<>(MissingNode.getInstance());
  private final StringBuffer output = new StringBuffer();
  private long deadline;

  @Test
  @Timeout(60)
  void sipsWindowShowsTheSidePanelPairedWithTheRunningCaptureListingItsTabsEvents() throws Exception {
    deadline = System.nanoTime() + BUDGET.toNanos();
    HttpServer site = site();
    String origin = "http://127.0.0.1:" + site.getAddress().getPort();
    Path data = dir.resolve("data");
    Path probe = probe(origin);
    // sip writes its extension to DATA/extension, where the test's --load-extension finds it.
    Path extension = data.resolve("extension");
    try (VirtualDisplay display = VirtualDisplay.start(dir.resolve("display"))) {
      Process sip = start(display, CliProcess.sip(List.of("--headed", "--for", "50s", "--data-dir", data.toString(),
          "--browser-arg=--load-extension=" + extension + "," + probe,
          "--browser-arg=--extensions-on-extension-urls", origin + "/a")));
      try {
        URI dashboard = URI.create(awaitOutputLine("dashboard: ").substring("dashboard: ".length()));
        String server = dashboard.getScheme() + "://" + dashboard.getAuthority();

        assertThat(browserArguments(sip)).as("sip asks Chromium for a window and its extension")
            .contains("--load-extension=" + extension).noneMatch(a -> a.startsWith("--headless"));
        assertThat(awaitDrawn(display)).as("Chromium's window covers most of the screen").isGreaterThan(0.5);
        JsonNode seen = awaitReport(r -> !r.path("userAgent").asText().isEmpty(), "the probe reports from the browser");
        assertThat(seen.path("userAgent").asText()).as("a browser with a window, not a headless one")
            .contains("Chrome/").doesNotContain("HeadlessChrome");
        // The extension's worker can start before the tab has left about:blank: wait for both.
        awaitReport(r -> urls(r.path("targets")).containsAll(List.of(SERVICE_WORKER, origin + "/a")),
            "the browser lists the side panel extension's service worker and the page sip opened");

        seen = awaitReport(r -> r.path("panel").path("footer").asText().startsWith("paired with"),
            "the panel pairs with the running DataSipper by itself");
        JsonNode panel = seen.path("panel");
        assertThat(panel.path("footer").asText()).startsWith("paired with " + server);
        assertThat(panel.path("asksForUrl").asBoolean()).as("nothing to paste").isFalse();
        assertThat(panel.path("tab").asText()).as("the panel shows the tab the user is on").isEqualTo("Page A");

        seen = awaitReport(r -> events(r).contains("/data/a-live"),
            "the panel lists the tab's events, the page's later requests too");
        assertThat(events(seen)).as("the page's first request and a live one").contains("/data/a-first", "/data/a-live");
        assertThat(seen.path("panel").path("problem").asText()).as("the panel reports no problem").isEmpty();
        assertThat(Files.exists(extension.resolve("pairing.json"))).as("the pairing, beside the extension").isTrue();
      } finally {
        stop(sip);
        site.stop(0);
      }
      assertThat(sip.exitValue()).as(output.toString()).isIn(0, 143);
      assertThat(Files.exists(extension.resolve("pairing.json")))
          .as("the pairing is taken back once the server has stopped: its token is dead").isFalse();
    }
  }

  /**
   * The demo with nothing but its own flags: its page in a window, DataSipper's extension running in
   * that browser (Chromium gives an extension's service worker a process of its own), and the
   * pairing with the dashboard the demo printed beside the extension while it runs.
   */
  @Test
  @Timeout(60)
  void theDemosWindowRunsTheSidePanelExtensionPairedWithItsDashboard() throws Exception {
    deadline = System.nanoTime() + BUDGET.toNanos();
    Path data = dir.resolve("demo");
    Path extension = data.resolve("extension");
    List<String> args = new ArrayList<>(List.of("demo", "--headed", "--for", "50s", "--data-dir", data.toString()));
    Chromium.HERMETIC_FLAGS.forEach(f -> args.add("--browser-arg=" + f));
    try (VirtualDisplay display = VirtualDisplay.start(dir.resolve("display"))) {
      Process demo = start(display, CliProcess.of(args));
      try {
        URI dashboard = URI.create(awaitOutputLine("dashboard: ").substring("dashboard: ".length()));

        assertThat(browserArguments(demo)).as("the demo asks Chromium for a window and its extension")
            .contains("--load-extension=" + extension).noneMatch(a -> a.startsWith("--headless"));
        assertThat(awaitDrawn(display)).as("Chromium's window covers most of the screen").isGreaterThan(0.5);
        assertThat(awaitExtensionProcess(demo)).as("an extension runs in the demo's browser, in a process of its own;"
            + " the demo's processes:\n%s", String.join("\n", commandLines(demo).map(a -> String.join(" ", a)).toList()))
            .isTrue();
        JsonNode pairing = JSON.readTree(awaitFile(extension.resolve("pairing.json")).toFile());
        assertThat(pairing.path("server").asText()).isEqualTo(dashboard.getScheme() + "://" + dashboard.getAuthority());
        assertThat(dashboard.getQuery()).isEqualTo("token=" + pairing.path("token").asText());
      } finally {
        stop(demo);
      }
      assertThat(demo.exitValue()).as(output.toString()).isIn(0, 143);
      assertThat(Files.exists(extension.resolve("pairing.json"))).as("the dead token is taken back").isFalse();
    }
  }

  /** The command on the display, its output (stderr too) collected. */
  private Process start(VirtualDisplay display, ProcessBuilder command) throws IOException {
    command.environment().put("DISPLAY", display.display());
    Process process = command.redirectErrorStream(true).start();
    Thread.ofVirtual().start(() -> collect(process.getInputStream()));
    return process;
  }

  /** SIGTERM, as Ctrl-C; forced when the command has not exited within {@link #STOP}. */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /**
   * A page that fetches a resource of its own as it loads and another one every second after, and
   * the resources; and where the probe reports.
   */
  private HttpServer site() throws IOException {
    HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String page = """
        <!doctype html><title>Page A</title><p>page a</p>
        <script>fetch('/data/a-first'); setInterval(() => fetch('/data/a-live'), 1000);</script>""";
    site.createContext("/a", exchange -> answer(exchange, "text/html", page));
    site.createContext("/data/", exchange -> answer(exchange, "application/json",
        "{\"path\":\"" + exchange.getRequestURI().getPath() + "\"}"));
    site.createContext("/probe", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        lastReport.set(JSON.readTree(body));
      }
      answer(exchange, "text/plain", "");
    });
    site.start();
    return site;
  }

  /** The probe extension, told where to report and which page's tab to show the panel beside. */
  private Path probe(String origin) throws IOException {
    Path probe = dir.resolve("probe");
    Files.createDirectories(probe);
    for (String file : List.of("manifest.json", "probe.js")) {
      try (InputStream in = HeadedCaptureTest.class.getResourceAsStream(PROBE_FILES + file)) {
        assertThat(in).as("test resource " + PROBE_FILES + file).isNotNull();
        Files.copy(in, probe.resolve(file));
      }
    }
    Files.writeString(probe.resolve("probe.json"), JSON.writeValueAsString(
        JSON.createObjectNode().put("report", origin + "/probe").put("page", origin + "/a")));
    return probe;
  }

  private static void answer(HttpExchange exchange, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private void collect(InputStream stream) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
      }
    } catch (IOException e) {
      output.append("(reading sip's output failed: ").append(e).append(")\n");
    }
  }

  private String awaitOutputLine(String prefix) throws InterruptedException {
    while (System.nanoTime() < deadline) {
      for (String line : output.toString().split("\n")) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("sip printed no '" + prefix + "' line within " + BUDGET.toSeconds() + " s; it printed:\n" + output);
  }

  private double awaitDrawn(VirtualDisplay display) throws IOException, InterruptedException {
    double drawn = display.drawnShare();
    while (drawn <= 0.5 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      drawn = display.drawnShare();
    }
    return drawn;
  }

  private JsonNode awaitReport(Predicate<JsonNode> condition, String what) throws InterruptedException {
    while (System.nanoTime() < deadline) {
      JsonNode report = lastReport.get();
      if (condition.test(report)) {
        return report;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("within " + BUDGET.toSeconds() + " s, expected: " + what + "; the probe's last report: "
        + lastReport.get() + "\nsip printed:\n" + output);
  }

  /** The command line of the browser the command started: its process among the command's, the one not of a --type. */
  private static List<String> browserArguments(Process command) {
    return commandLines(command)
        .filter(args -> args.contains("--remote-debugging-pipe") && args.stream().noneMatch(a -> a.startsWith("--type=")))
        .findFirst().orElseThrow(() -> new AssertionError("the command started no Chromium with its debugging pipe"));
  }

  private boolean awaitExtensionProcess(Process command) throws InterruptedException {
    while (System.nanoTime() < deadline) {
      if (commandLines(command).anyMatch(args -> String.join(" ", args).contains(" --extension-process"))) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** The file, once it is there; the pairing is written just after the dashboard line. */
  private Path awaitFile(Path file) throws InterruptedException {
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(file).as("written within " + BUDGET.toSeconds() + " s").exists();
    return file;
  }

  /**
   * The command lines of the processes the command started, and theirs. Read from /proc, where a
   * process Chromium's zygote forked has rewritten its command line as one string with spaces
   * (Java's ProcessHandle then reports no arguments of it).
   */
  private static Stream<List<String>> commandLines(Process command) {
    return command.toHandle().descendants().map(p -> {
      try {
        return List.of(Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).split("\0"));
      } catch (IOException e) {
        return List.of(); // it has exited
      }
    });
  }

  private static List<String> urls(JsonNode targets) {
    return StreamSupport.stream(targets.spliterator(), false).map(t -> t.path("url").asText()).toList();
  }

  private static String events(JsonNode report) {
    return String.join("\n", StreamSupport.stream(report.path("panel").path("events").spliterator(), false)
        .map(JsonNode::asText).toList());
  }
}
