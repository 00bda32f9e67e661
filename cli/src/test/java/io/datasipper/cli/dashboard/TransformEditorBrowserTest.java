package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.server.ApiParts;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerSources;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import io.datasipper.store.UncheckedStoreException;
import io.datasipper.testkit.SampleEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transform editor as a user meets it, in a real headless Chromium over the server that
 * {@code serve --deliver} runs (a real store, the pipeline following the config file, a file
 * output): write a transform, test-run it on the stream's last events, see a syntax error marked at
 * its line, save, and see the pipeline deliver what the new transform makes.
 */
class TransformEditorBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SHADOW = CodeEditorDriver.SHADOW;
  /** The 1-based line of the editor's first error mark; 0 when there is none. */
  private static final String MARKED_LINE = "(() => { const r = " + SHADOW + ".querySelector('.cm-lintRange-error');"
      + " if (!r) return 0; const line = r.closest('.cm-line');"
      + " return [..." + SHADOW + ".querySelectorAll('.cm-content > .cm-line')].indexOf(line) + 1; })()";
  private static final String SUMMARY = "document.querySelector('[data-testid=trial-summary]')?.textContent ?? ''";
  private static final String SAVED = "function transform(event) { return {n: JSON.parse(event.payload.data).n}; }";
  private static final String ODD_ONLY = """
      function transform(event) {
        const n = JSON.parse(event.payload.data).n;
        if (n % 2 === 0) return null;
        return {odd: n};
      }""";
  private static final String THROWS_ON_29 = """
      function transform(event) {
        const n = JSON.parse(event.payload.data).n;
        if (n === 29) throw new Error('not 29');
        return {n: n};
      }""";
  private static final String BROKEN = """
      function transform(event) {
        const n = JSON.parse(event.payload.data).n;
        return {odd: n;
      }""";
  @TempDir Path dir;

  @Test
  void aTransformWrittenTriedAndSavedInTheEditorIsWhatThePipelineDelivers() throws Exception {
    Path out = dir.resolve("out.jsonl");
    Path yaml = dir.resolve("datasipper.yaml");
    Files.writeString(yaml, """
        # frames into a file
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            transform: '%s'
            outputs: [out]
        outputs:
          out: {type: file, path: %s}
        """.formatted(SAVED, out));
    StringWriter log = new StringWriter();
    PrintWriter lines = new PrintWriter(log, true);
    try (EventStore store = EventStore.open(dir)) {
      ConfigSource source = ConfigSource.read(null, dir, UnaryOperator.identity());
      LivePipeline pipeline = LivePipeline.start(source.config().pipeline(), store, () -> pipelineLock(dir), lines,
          (to, spec, stats) -> {});
      ConfigSource.Following following = source.follow(pipeline, false, lines, lines);
      try (LocalServer server = LocalServer.start(0,
              ApiParts.of(new ServerSources(dir, store, source, following, pipeline, null)));
          PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
        // Seqs 1 to 30, captured while the pipeline runs: every third a call, the others frames carrying {"n": seq}.
        SampleEvents.fill(store, 1, 30, seq -> SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
        assertThat(awaitLines(out, l -> l.size() == 20)).as(log.toString()).hasSize(20);

        page.open(server.dashboardUrl().toString());
        page.waitFor("document.querySelector('[data-testid=connection]')?.textContent ?? ''",
            v -> v.asText().equals("live"), WAIT);
        page.evaluate("window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
            + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample)); true");
        page.click("[data-testid=nav-transforms]");
        assertThat(page.waitFor("document.querySelector('[data-testid=transform-streams]')?.innerText ?? ''",
            v -> !v.asText().isEmpty(), WAIT).asText()).as("without a stream, the streams to pick")
            .contains("frames", "inline transform");
        page.click("[data-testid=transform-streams] a[href='#/transforms/frames']");

        assertThat(page.waitFor(SUMMARY, v -> !v.asText().isEmpty(), WAIT).asText())
            .as("the saved transform runs on opening").isEqualTo("20 events: 20 records, 0 dropped, 0 failed");
        assertThat(page.waitFor(SHADOW + "?.querySelector('.cm-content')?.innerText ?? ''",
            v -> v.asText().contains("JSON.parse"), WAIT).asText()).as("the saved transform is in the editor")
            .isEqualTo(SAVED);
        assertThat(page.evaluate("getComputedStyle(" + SHADOW + ".querySelector('.cm-gutters')).display").asText())
            .as("CodeMirror's own styles apply under the CSP").isEqualTo("flex");
        // CodeMirror highlights the source in the background, some time after it shows it.
        assertThat(page.waitFor(SHADOW + ".querySelectorAll('.cm-content [class^=tok-], .cm-content span[class]').length",
            v -> v.asInt() > 3, WAIT).asInt()).as("the source is highlighted").isGreaterThan(3);

        assertThat(type(page, ODD_ONLY)).as("the editor indents as the transform is written").isEqualTo(ODD_ONLY);
        page.click("[data-testid=run]");
        assertThat(page.waitFor(SUMMARY, v -> v.asText().contains("10 dropped"), WAIT).asText())
            .isEqualTo("20 events: 10 records, 10 dropped, 0 failed");
        String row29 = "document.querySelector('[data-testid=trial-row][data-seq=\"29\"]')";
        assertThat(page.evaluate(row29 + ".querySelector('[data-testid=trial-input]').textContent").asText())
            .as("the event tried").contains("\"seq\": 29", "\"type\": \"ws_frame\"");
        assertThat(page.evaluate(row29 + ".querySelector('[data-testid=trial-output]').textContent").asText())
            .as("beside what the transform made of it").isEqualTo("{\n  \"odd\": 29\n}");
        assertThat(page.evaluate("document.querySelector('[data-testid=trial-row][data-seq=\"28\"]"
            + " [data-testid=trial-output]').textContent").asText()).isEqualTo("dropped");
        Screenshots.save(page, "transform-editor.png");

        type(page, THROWS_ON_29);
        page.click("[data-testid=run]");
        assertThat(page.waitFor(SUMMARY, v -> v.asText().contains("1 failed"), WAIT).asText())
            .isEqualTo("20 events: 19 records, 0 dropped, 1 failed");
        assertThat(page.evaluate(row29 + ".querySelector('[data-testid=trial-output]').textContent").asText())
            .as("the event's error").contains("not 29", "(line 3)");
        assertThat(page.waitFor(MARKED_LINE, v -> v.asInt() > 0, WAIT).asInt())
            .as("the line that threw is marked").isEqualTo(3);

        type(page, BROKEN);
        page.click("[data-testid=run]");
        assertThat(page.waitFor("document.querySelector('[data-testid=transform-error]')?.textContent ?? ''",
            v -> !v.asText().isEmpty(), WAIT).asText()).contains("line 3, column ", "syntax error");
        assertThat(page.waitFor(MARKED_LINE, v -> v.asInt() > 0, WAIT).asInt())
            .as("the error is marked on the line the sandbox names").isEqualTo(3);
        assertThat(page.evaluate(SHADOW + ".querySelectorAll('.cm-lint-marker-error').length").asInt())
            .as("and in the gutter").isEqualTo(1);

        String before = Files.readString(yaml);
        page.click("[data-testid=save]");
        assertThat(page.waitFor("document.querySelector('[data-testid=save-status]')?.textContent ?? ''",
            v -> !v.asText().isEmpty(), WAIT).asText()).as("the server refuses it, saying where")
            .contains("streams[0].transform", "line 3, column ");
        assertThat(Files.readString(yaml)).as("and the file is as it was").isEqualTo(before);

        assertThat(type(page, ODD_ONLY)).isEqualTo(ODD_ONLY);
        page.click("[data-testid=save]");
        assertThat(page.waitFor("document.querySelector('[data-testid=save-status]')?.textContent ?? ''",
            v -> v.asText().startsWith("Saved"), WAIT).asText()).startsWith("Saved to " + yaml);
        assertThat(Files.readString(yaml)).as("written inline, the rest of the file as it was")
            .startsWith("# frames into a file\n").contains("    transform: |\n      function transform(event) {\n",
                "        return {odd: n};\n", "out: {type: file, path: " + out + "}");

        SampleEvents.fill(store, 31, 40, seq -> SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
        List<String> delivered = awaitLines(out, l -> l.size() >= 23);
        assertThat(delivered.subList(20, delivered.size())).as("frames 31 to 40 through the saved transform")
            .containsExactly("{\"odd\":31}", "{\"odd\":35}", "{\"odd\":37}");
        assertThat(page.evaluate("window.cspViolations").toString()).as("nothing the CSP refused").isEqualTo("[]");
      } finally {
        following.stop();
        pipeline.close();
      }
    }
  }

  private static String type(PageDriver page, String text) throws IOException, InterruptedException {
    return CodeEditorDriver.replaceText(page, text, WAIT);
  }

  private static List<String> awaitLines(Path file, Predicate<List<String>> done) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
    while (!done.test(lines) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
    return lines;
  }

  private static DataDirLock pipelineLock(Path dataDir) {
    try {
      return DataDirLock.acquire(dataDir, DataDirLock.Kind.PIPELINE, "serve");
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }
}
