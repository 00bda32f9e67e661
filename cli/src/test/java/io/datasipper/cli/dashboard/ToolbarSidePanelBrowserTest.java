package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.datasipper.capture.OwnTraffic;
import io.datasipper.cli.SidePanelExtension;
import io.datasipper.cli.VirtualDisplay;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side panel as Chrome opens it: a Chromium with a window (on a virtual display of the test's
 * own) and DataSipper's extension, captured by {@code datasipper attach}; the user clicks the
 * extension's toolbar button on a tab and the real side panel opens beside it, its address naming
 * no tab. Paired by pasting the dashboard URL, it shows the tab the user is on and that tab's
 * requests, and follows the user to another tab.
 */
class ToolbarSidePanelBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** The side panel's page as the manifest's side_panel.default_path opens it: no {@code ?tab=}. */
  private static final String PANEL = "chrome-extension://" + OwnTraffic.EXTENSION_ID + "/panel.html";
  private static final String TAB = "document.querySelector('[data-testid=panel-tab]')?.textContent ?? ''";
  private static final String EVENTS = "[...document.querySelectorAll('[data-testid=panel-event]')].map(e => e.textContent).join('\\n')";
  private static final String PROBLEM = "document.querySelector('[role=alert]')?.textContent ?? 'no problem'";
  @TempDir Path dir;

  @Test
  @Timeout(150)
  void theToolbarButtonOpensThePanelOnTheActiveTabAndItFollowsTheUserToAnother() throws Exception {
    Path extension = SidePanelExtension.writeTo(dir.resolve("extension"))
        .orElseThrow(() -> new AssertionError("the web module's build (the extension) is not on the class path")).dir();
    HttpServer site = AttachedSite.twoPages();
    String origin = "http://127.0.0.1:" + site.getAddress().getPort();
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    // A window, so the toolbar button and the side panel exist; the pipe (the test's) and
    // --enable-unsafe-extension-debugging, which the protocol names as what DevTools need to press
    // that button (Chromium 156 presses it over the pipe without the flag; older ones may not); a
    // debugging port for attach, as a user starts a browser to capture from.
    try (VirtualDisplay display = VirtualDisplay.start(dir.resolve("display"));
        PageDriver browser = PageDriver.launchHeaded(dir.resolve("profile"), display, List.of(
            "--load-extension=" + extension, "--enable-unsafe-extension-debugging", "--remote-debugging-port=0"))) {
      Process attach = AttachedSite.attach(AttachedSite.debuggingPort(dir.resolve("profile"), WAIT), data);
      try {
        URI dashboard = AttachedSite.dashboardLine(attach, WAIT);
        try (PageDriver tabA = browser.openTab(origin + "/a"); PageDriver tabB = browser.openTab(origin + "/b")) {
          tabA.waitFor("document.title", v -> v.asText().equals("Page A"), WAIT);
          tabB.waitFor("document.title", v -> v.asText().equals("Page B"), WAIT);
          tabA.bringToFront();
          assertThat(browser.tabUrls()).as("no panel before the button is clicked").doesNotContain(PANEL);
          int pageWidth = tabA.evaluate("innerWidth").asInt();
          tabA.clickExtensionAction(OwnTraffic.EXTENSION_ID);
          PageDriver panel = browser.attachToPage(PANEL, WAIT);
          assertThat(panel.waitFor("document.visibilityState", v -> v.asText().equals("visible"), WAIT).asText())
              .as("the panel is shown (the page is %s)", tabA.evaluate("document.visibilityState").asText()).isEqualTo("visible");
          assertThat(tabA.waitFor("innerWidth", v -> v.asInt() < pageWidth, WAIT).asInt())
              .as("the page makes room for the panel beside it").isLessThan(pageWidth);
          assertThat(panel.evaluate("innerWidth").asInt()).as("a side panel, not a tab").isBetween(1, pageWidth / 2);

          assertThat(panel.waitFor("!!document.querySelector('[data-testid=pair-url]')", JsonNode::asBoolean, WAIT)
              .asBoolean()).as("a new profile's panel asks for the dashboard URL").isTrue();
          panel.click("[data-testid=pair-url]");
          panel.type(dashboard.toString());
          panel.click("[data-testid=pair]");

          assertThat(panel.waitFor(TAB, v -> v.asText().equals("Page A"), WAIT).asText())
              .as("the panel shows the tab its button was clicked on, found by itself").isEqualTo("Page A");
          String shown = panel.waitFor(EVENTS, v -> v.asText().contains("/data/a-first"), WAIT).asText();
          assertThat(shown).as("tab A's page and its fetch, and nothing of tab B (panel says: %s)",
              panel.evaluate(PROBLEM).asText()).contains("/data/a-first").doesNotContain("/data/b-");

          tabB.bringToFront();
          assertThat(panel.waitFor(TAB, v -> v.asText().equals("Page B"), WAIT).asText())
              .as("the panel follows the user to the tab they switch to").isEqualTo("Page B");
          shown = panel.waitFor(EVENTS, v -> v.asText().contains("/data/b-first"), WAIT).asText();
          assertThat(shown).as("now tab B's events, none of tab A's (panel says: %s)", panel.evaluate(PROBLEM).asText())
              .contains("/data/b-first").doesNotContain("/data/a-");
          tabB.evaluate("fetch('/data/b-live').then(r => r.text())");
          assertThat(panel.waitFor(EVENTS, v -> v.asText().contains("/data/b-live"), WAIT).asText())
              .as("a request tab B makes now arrives live").contains("/data/b-live").doesNotContain("/data/a-");
        }
      } finally {
        attach.destroy();
        if (!attach.waitFor(30, TimeUnit.SECONDS)) {
          attach.destroyForcibly();
        }
      }
    } finally {
      site.stop(0);
    }
  }
}
