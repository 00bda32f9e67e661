package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.datasipper.capture.OwnTraffic;
import io.datasipper.cli.SidePanelExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side panel as a user meets it: a Chromium with DataSipper's extension loaded, captured by
 * {@code datasipper attach}, two tabs on a local site; the panel, paired by pasting the dashboard
 * URL (a stale one's token is refused, and it asks for the new one), shows the events of its tab (stored ones, then live ones through the feed it opens with the
 * token as a subprotocol) and none of the other tab's, which stream took them, and opens an event
 * in the dashboard, and downloads them as a HAR file.
 */
class SidePanelBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PANEL = "chrome-extension://" + OwnTraffic.EXTENSION_ID + "/panel.html";
  private static final String COUNT = "document.querySelector('[data-testid=panel-count]')?.textContent ?? ''";
  private static final String EVENTS = "[...document.querySelectorAll('[data-testid=panel-event]')].map(e => e.textContent).join('\\n')";
  @TempDir Path dir;

  @Test
  void thePanelShowsItsTabsEventsLiveAndNoneOfAnotherTabs() throws Exception {
    Path extension = SidePanelExtension.writeTo(dir.resolve("extension"))
        .orElseThrow(() -> new AssertionError("the web module's build (the extension) is not on the class path")).dir();
    HttpServer site = AttachedSite.twoPages();
    String origin = "http://127.0.0.1:" + site.getAddress().getPort();
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("datasipper.yaml"), """
        streams:
          - name: a-data
            conditions: [{field: path, operator: starts_with, value: /data/a}]
            outputs: [file]
        outputs:
          file: {type: file, path: %s}
        """.formatted(dir.resolve("out.jsonl")));
    // DataSipper attaches through a debugging port, as to a browser the user started; the test
    // drives the browser over its own pipe.
    try (PageDriver panel = PageDriver.launch(dir.resolve("profile"),
        List.of("--load-extension=" + extension, "--remote-debugging-port=0"))) {
      Process attach = AttachedSite.attach(AttachedSite.debuggingPort(dir.resolve("profile"), WAIT), data);
      try {
        URI dashboard = AttachedSite.dashboardLine(attach, WAIT);
        try (PageDriver tabA = panel.openTab(origin + "/a"); PageDriver tabB = panel.openTab(origin + "/b")) {
          panel.open(PANEL);
          panel.waitFor("!!document.querySelector('[data-testid=pair-url]')", JsonNode::asBoolean, WAIT);
          // A URL from an earlier run: its token is refused, and the panel asks for the new one.
          String stale = dashboard.toString().replaceFirst("token=[0-9a-f]+", "token=" + "0".repeat(32));
          panel.click("[data-testid=pair-url]");
          panel.type(stale);
          panel.click("[data-testid=pair]");
          assertThat(panel.waitFor("document.querySelector('[role=alert]')?.textContent ?? ''",
              v -> !v.asText().isEmpty(), WAIT).asText()).contains("Authorization: wrong token", "paste the new dashboard URL");
          panel.click("[role=alert] button");
          panel.waitFor("!!document.querySelector('[data-testid=pair-url]')", JsonNode::asBoolean, WAIT);
          panel.click("[data-testid=pair-url]");
          panel.type(dashboard.toString());
          panel.click("[data-testid=pair]");
          panel.waitFor("!!document.querySelector('[data-testid=panel-tab]')", JsonNode::asBoolean, WAIT);

          // A panel opened as a page shows the tab its address names, by Chrome's tab number.
          int tabNumber = panel.evaluate("chrome.tabs.query({}).then(ts => ts.find(t => t.url === '" + origin
              + "/a').id)").asInt();
          panel.open(PANEL + "?tab=" + tabNumber);
          String shown = panel.waitFor(EVENTS, v -> v.asText().contains("/data/a-first"), WAIT).asText();
          assertThat(shown).as("tab A's page and its fetch").contains("/a", "/data/a-first").doesNotContain("/b", "/data/b-");
          assertThat(panel.evaluate("document.querySelector('[data-testid=panel-tab]').textContent").asText())
              .isEqualTo("Page A");

          tabA.evaluate("fetch('/data/a-live').then(r => r.text())");
          tabB.evaluate("fetch('/data/b-live').then(r => r.text())");
          shown = panel.waitFor(EVENTS, v -> v.asText().contains("/data/a-live"), WAIT).asText();
          assertThat(shown).as("a request made while the panel is open arrives through the feed (panel says: %s)",
                  panel.evaluate("document.querySelector('[role=alert]')?.textContent ?? 'no problem'").asText())
              .contains("/data/a-live").doesNotContain("/data/b-");
          assertThat(panel.evaluate(COUNT).asText()).as("the count is of the events listed")
              .isEqualTo(panel.evaluate("String(document.querySelectorAll('[data-testid=panel-event]').length)").asText());
          assertThat(panel.waitFor("document.querySelector('[data-testid=panel-stream]')?.textContent ?? ''",
              v -> v.asText().equals("a-data 2"), WAIT).asText()).as("the stream took the two /data/a requests")
              .isEqualTo("a-data 2");

          panel.bringToFront();
          panel.resize(420, 640);
          Screenshots.save(panel, "side-panel.png");

          Path downloads = Files.createDirectories(dir.resolve("downloads"));
          panel.allowDownloads(downloads);
          panel.click("[data-testid=panel-download-har]");
          Path har = PageDriver.awaitDownload(downloads, ".har", WAIT);
          assertThat(har.getFileName().toString()).as("the name the server gave it")
              .matches("datasipper-\\d{8}-\\d{6}\\.har");
          List<String> harPaths = new ArrayList<>();
          new ObjectMapper().readTree(har.toFile()).at("/log/entries")
              .forEach(entry -> harPaths.add(URI.create(entry.at("/request/url").asText()).getRawPath()));
          List<String> listed = new ArrayList<>();
          panel.evaluate("[...document.querySelectorAll('[data-testid=panel-event] .path')].map(e => e.textContent)")
              .forEach(path -> listed.add(path.asText()));
          assertThat(harPaths).as("the HAR holds the tab's events the panel lists, and only those")
              .containsExactlyInAnyOrderElementsOf(listed).contains("/a", "/data/a-first", "/data/a-live");
          assertThat(panel.evaluate("document.querySelector('[data-testid=panel-har-note]') === null").asBoolean())
              .as("no note: the HAR holds every event listed").isTrue();

          panel.click("[data-testid=panel-event] .event");
          List<String> tabs = new ArrayList<>();
          long deadline = System.nanoTime() + WAIT.toNanos();
          while (tabs.stream().noneMatch(u -> u.contains("/#/live/")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            tabs = panel.tabUrls();
          }
          assertThat(tabs).as("a click opens the event in the dashboard, the token traded for the cookie")
              .anySatisfy(u -> assertThat(u).startsWith(dashboard.getScheme() + "://" + dashboard.getAuthority() + "/#/live/"));

          panel.click("[data-testid=panel-event] .new-stream");
          deadline = System.nanoTime() + WAIT.toNanos();
          while (tabs.stream().noneMatch(u -> u.contains("/#/streams/+new/")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            tabs = panel.tabUrls();
          }
          assertThat(tabs).as("'+ stream' opens the rule builder made from that request")
              .anySatisfy(u -> assertThat(u).matches(".*/#/streams/\\+new/\\d+"));
        }
      } finally {
        attach.destroy();
        attach.waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      site.stop(0);
    }
  }

  /**
   * How {@code sip --headed} pairs the panel: the pairing is written beside the extension once the
   * server is up, after the browser loaded it, and an open panel pairs by itself; taken back, the
   * panel asks for a URL again on its next start.
   */
  @Test
  void aPairingWrittenBesideTheLoadedExtensionPairsThePanelWithNothingPasted() throws Exception {
    SidePanelExtension extension = SidePanelExtension.writeTo(dir.resolve("extension"))
        .orElseThrow(() -> new AssertionError("the web module's build (the extension) is not on the class path"));
    try (PageDriver panel = PageDriver.launch(dir.resolve("profile"), List.of("--load-extension=" + extension.dir()))) {
      panel.open(PANEL);
      assertThat(panel.waitFor("!!document.querySelector('[data-testid=pair-url]')", JsonNode::asBoolean, WAIT).asBoolean())
          .as("not paired yet: the panel asks for the dashboard URL").isTrue();
      extension.pair(URI.create("http://127.0.0.1:7341/"), "ab".repeat(16));
      assertThat(panel.waitFor("document.querySelector('footer')?.textContent ?? ''",
          v -> v.asText().contains("paired with"), WAIT).asText()).startsWith("paired with http://127.0.0.1:7341");
      extension.unpair();
      panel.open(PANEL);
      assertThat(panel.waitFor("!!document.querySelector('[data-testid=pair-url]')", JsonNode::asBoolean, WAIT).asBoolean())
          .isTrue();
    }
  }
}
