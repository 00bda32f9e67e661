package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.capture.Chromium;
import io.datasipper.cli.CliProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does first, end to end and with no YAML written by hand: start {@code datasipper
 * demo} (its own process, headless), open the dashboard URL it prints, watch the demo site's traffic
 * arrive, make a stream of the order calls from one of them with "New stream from this event",
 * give it a transform in the editor, add a file output for it through the Outputs form, and see
 * the transform's records arrive in the file and the stream's counter move.
 */
class NewUserJourneyBrowserTest {
  /** Generous: the machine is shared, the demo runs a browser of its own, and each save reloads the pipeline. */
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String COUNT = "document.querySelector('[data-testid=count]')?.textContent ?? ''";
  private static final String STREAM = "post_api_orders";
  private static final String OUTPUT = "orders_file";
  /** The demo's order desk answers each order with a fill; the stream keeps four of its fields. */
  private static final String TRANSFORM = """
      function transform(event) {
        const fill = JSON.parse(event.response.body.data);
        return {order: fill.id, symbol: fill.symbol, side: fill.side, quantity: fill.quantity};
      }""";
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aNewUserGoesFromTheDemoToRecordsOfTheirOwnStreamInAFile() throws Exception {
    Path dataDir = dir.resolve("demo");
    Path config = dataDir.resolve("datasipper.yaml");
    Path orders = dir.resolve("orders.jsonl");
    Path log = dir.resolve("demo.log");
    List<String> args = new ArrayList<>(List.of("demo", "--for", "10m", "--data-dir", dataDir.toString()));
    Chromium.HERMETIC_FLAGS.forEach(f -> args.add("--browser-arg=" + f));
    Process demo = CliProcess.of(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try (PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
      try {
        page.open(dashboardUrl(demo, log).toString());

        // The live table fills with the demo site's traffic as its page works.
        assertThat(page.waitFor("document.querySelector('[data-testid=connection]')?.textContent ?? ''",
            v -> v.asText().equals("live"), WAIT).asText()).isEqualTo("live");
        long first = shown(page.waitFor(COUNT, v -> shown(v.asText()) > 0, WAIT).asText());
        assertThat(shown(page.waitFor(COUNT, v -> shown(v.asText()) > first + 20, WAIT).asText()))
            .as("events keep arriving while the page is open").isGreaterThan(first + 20);
        assertThat(page.waitFor(rowsText(), v -> v.asText().contains("/ws/ticker") && v.asText().contains("/api/prices"),
            WAIT).asText()).as("the page's calls and its WebSocket's frames").contains("ws_frame", "GET", "/api/prices");

        // One order call, opened, makes a stream of its kind.
        page.setValue("[data-testid=text-filter]", "/api/orders");
        String order = "[...document.querySelectorAll('[data-seq]')].find(r => r.textContent.includes('POST'))";
        long seq = page.waitFor("(" + order + ")?.dataset.seq ?? 0", v -> v.asLong() > 0, WAIT).asLong();
        assertThat(seq).as("the demo page places an order every 3 s").isPositive();
        assertThat(page.evaluate("document.querySelector('[data-seq=\"" + seq + "\"]').textContent").asText())
            .contains("http", "POST", "201", "127.0.0.1", "/api/orders");
        page.click("[data-seq=\"" + seq + "\"]");
        page.waitFor("!!document.querySelector('[data-testid=new-stream-from-event]')", JsonNode::asBoolean, WAIT);
        page.click("[data-testid=new-stream-from-event]");
        assertThat(page.waitFor("document.querySelector('[data-testid=stream-name]')?.value ?? ''",
            v -> !v.asText().isEmpty(), WAIT).asText()).isEqualTo(STREAM);
        assertThat(page.waitFor(text("[data-testid=match-count]"), v -> v.asText().matches("[1-9][0-9,]* of the last .*"),
            WAIT).asText()).as("the stored order calls the rule takes")
            .matches("[1-9][0-9,]* of the last [0-9,]+ events match.*");
        page.click("[data-testid=save]");
        assertThat(page.waitFor(text("[data-testid=saved]"), v -> !v.asText().isEmpty(), WAIT).asText())
            .startsWith("Saved to " + config).contains("reloaded");
        assertThat(page.evaluate("location.hash").asText()).isEqualTo("#/streams/" + STREAM);

        // Its transform, tried on the stored order calls, then saved.
        page.waitFor("!!document.querySelector('[data-testid=edit-transform]')", JsonNode::asBoolean, WAIT);
        page.click("[data-testid=edit-transform]");
        assertThat(page.waitFor(CodeEditorDriver.SHADOW + "?.querySelector('.cm-content')?.innerText ?? ''",
            v -> v.asText().contains("return event"), WAIT).asText())
            .as("a stream without a transform starts from its events as they are")
            .contains("function transform(event)", "return event;");
        assertThat(CodeEditorDriver.replaceText(page, TRANSFORM, WAIT)).isEqualTo(TRANSFORM);
        page.click("[data-testid=run]");
        assertThat(page.waitFor(text("[data-testid=trial-output]"), v -> v.asText().contains("\"order\""), WAIT).asText())
            .as("the first order call beside its record")
            .contains("\"order\"", "\"symbol\"", "\"side\"", "\"quantity\"").doesNotContain("\"price\"");
        assertThat(page.evaluate(text("[data-testid=trial-summary]")).asText()).as("each order call makes a record")
            .matches("([1-9][0-9]*) events: \\1 records, 0 dropped, 0 failed");
        page.click("[data-testid=save]");
        assertThat(page.waitFor(text("[data-testid=save-status]"), v -> !v.asText().isEmpty(), WAIT).asText())
            .startsWith("Saved to " + config);

        // A file output for the stream, through the form.
        page.click("[data-testid=nav-outputs]");
        page.waitFor("document.querySelector('[data-testid=add-output]')?.disabled === false", JsonNode::asBoolean, WAIT);
        page.click("[data-testid=add-output]");
        page.waitFor("!!document.querySelector('[data-testid=setting-path]')", JsonNode::asBoolean, WAIT);
        assertThat(page.evaluate("document.querySelector('[data-testid=output-type]').value").asText()).isEqualTo("file");
        page.setValue("[data-testid=output-name]", OUTPUT);
        page.setValue("[data-testid=setting-path]", orders.toString());
        page.click("[data-testid=bind-" + STREAM + "]");
        page.click("[data-testid=save-output]");
        assertThat(page.waitFor(text("[data-testid=saved-notice]"), v -> !v.asText().isEmpty(), WAIT).asText())
            .startsWith("Saved output " + OUTPUT);

        // The order calls arrive in the file, shaped by the transform.
        List<JsonNode> records = awaitRecords(orders, r -> r.size() >= 2);
        assertThat(records).as("records in %s", orders).hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> {
          assertThat(r.properties()).extracting(Map.Entry::getKey)
              .containsExactly("order", "symbol", "side", "quantity");
          assertThat(r.path("symbol").asText()).isIn("ACME", "GLOBX", "INITECH", "UMBRL");
          assertThat(r.path("side").asText()).isIn("buy", "sell");
          assertThat(r.path("quantity").asInt()).isBetween(1, 100);
        });

        // And the Streams page counts them.
        page.click("[data-testid=nav-streams]");
        String matched = "[data-testid=matched-" + STREAM + "]";
        long before = counter(page.waitFor(text(matched), v -> counter(v.asText()) > 0, WAIT).asText());
        assertThat(counter(page.waitFor(text(matched), v -> counter(v.asText()) > before, WAIT).asText()))
            .as("the stream's counter moves as orders are placed").isGreaterThan(before);
        assertThat(page.waitFor(text("[data-testid=stream-" + STREAM + "]"), v -> v.asText().contains("→ " + OUTPUT + ":"),
            WAIT).asText()).contains("0 dropped", "0 failed", "→ " + OUTPUT + ":");
        assertThat(counter(page.waitFor(text("[data-testid=delivered-" + STREAM + "-" + OUTPUT + "]"),
            v -> counter(v.asText()) > 0, WAIT).asText())).as("the output's deliveries").isPositive();
      } catch (AssertionError | Exception e) {
        // What the page showed when the journey stopped, for whoever reads the failure.
        try {
          page.screenshot(Path.of("target", "screenshots", "new-user-journey-failed.png"));
        } catch (IOException screenshot) {
          e.addSuppressed(screenshot);
        }
        throw e;
      }
    } finally {
      stop(demo);
    }
    assertThat(Files.readString(log)).as("the demo's closing report").containsPattern(STREAM + " +matched [1-9]")
        .containsPattern(OUTPUT + " +stopped +delivered [1-9][0-9,]* +dead-lettered 0 ");
  }

  /** The URL the demo prints on its {@code dashboard:} line, once its server is up. */
  private static URI dashboardUrl(Process demo, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log)) {
        if (line.startsWith("dashboard: ")) {
          return URI.create(line.substring("dashboard: ".length()));
        }
      }
      if (!demo.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("demo printed no dashboard address; it printed:\n" + Files.readString(log));
  }

  /** Stops the demo as Ctrl-C does, and lets it deliver and report. */
  private static void stop(Process demo) throws InterruptedException {
    demo.destroy();
    if (!demo.waitFor(90, TimeUnit.SECONDS)) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
      demo.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The complete JSON lines of a file output once {@code done} accepts them; what there is after {@link #WAIT}. */
  private static List<JsonNode> awaitRecords(Path file, Predicate<List<JsonNode>> done) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> records = records(file);
    while (!done.test(records) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      records = records(file);
    }
    return records;
  }

  private static List<JsonNode> records(Path file) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    if (!Files.exists(file)) {
      return records;
    }
    String text = Files.readString(file);
    // A line still being written has no newline yet.
    for (String line : text.substring(0, text.lastIndexOf('\n') + 1).lines().toList()) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  /** The events the unfiltered table says it holds ("1,234 events"); 0 before it says. */
  private static long shown(String count) {
    Matcher m = Pattern.compile("^([0-9,]+) events$").matcher(count);
    return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
  }

  /** The number of a counter, "12 matched" or "→ out: 12 delivered"; -1 for a dash (nothing counted yet). */
  private static long counter(String text) {
    Matcher m = Pattern.compile("([0-9][0-9,]*) (matched|delivered)$").matcher(text.strip());
    return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
  }

  private static String rowsText() {
    return "[...document.querySelectorAll('[data-seq]')].map(r => r.textContent).join('\\n')";
  }

  private static String text(String selector) {
    return "document.querySelector('" + selector.replace("'", "\\'") + "')?.textContent ?? ''";
  }
}
