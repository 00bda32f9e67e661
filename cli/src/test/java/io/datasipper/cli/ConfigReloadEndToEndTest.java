package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.demo.DemoSite;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datasipper sip} on the demo site (a tick over the WebSocket every 200 ms, a price poll
 * every second) while its config file is edited: a broken config leaves the running streams alone,
 * a valid one adds a stream, and the stream that ran throughout loses and repeats nothing.
 */
class ConfigReloadEndToEndTest {
  private static final Duration STEP = Duration.ofSeconds(20);
  private static final String TICKS = """
      streams:
        - name: ticks
          conditions:
            - {field: type, operator: %s, value: ws_frame}
            - {field: direction, operator: equals, value: received}
            - {field: payload.json.type, operator: equals, value: tick}
          outputs: [ticks_file]
      """;
  private static final String PRICES = """
        - name: prices
          conditions: [{field: url, operator: contains, value: /api/prices}]
          outputs: [prices_file]
      """;

  @TempDir Path dir;

  @Test
  void aBrokenConfigChangesNothingAndAValidOneAddsAStreamWhileCapturing() throws Exception {
    Path dataDir = dir.resolve("data");
    Path config = dir.resolve("pipeline.yaml");
    Path ticksFile = dir.resolve("ticks.jsonl");
    Path pricesFile = dir.resolve("prices.jsonl");
    Path out = dir.resolve("sip.out");
    Path err = dir.resolve("sip.err");
    String ticksOutput = "  ticks_file: {type: file, path: " + ticksFile + ", start_from: earliest}\n";
    Files.writeString(config, TICKS.formatted("equals") + "outputs:\n" + ticksOutput);

    int exitCode;
    try (DemoSite site = new DemoSite()) {
      Process sip = CliProcess.sip(List.of(site.start() + "/", "--data-dir", dataDir.toString(),
          "--config", config.toString())).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try {
        int ticks = JsonLines.awaitSeqs(ticksFile, 5, Duration.ofSeconds(60)).size(); // the browser's start

        Files.writeString(config, TICKS.formatted("equalz") + "outputs:\n" + ticksOutput);
        String complaint = "config " + config + ": streams[0].conditions[0].operator: ";
        awaitLine(err, complaint);
        ticks = JsonLines.awaitSeqs(ticksFile, ticks + 15, STEP).size(); // 3 s: three more looks at the file
        assertThat(Files.readAllLines(err)).as("said once").filteredOn(l -> l.startsWith("config ")).singleElement()
            .asString().startsWith(complaint).contains("\"equalz\"");
        assertThat(Files.readString(out)).doesNotContain("reloaded");

        // The way editors save: a new file renamed over the old one.
        Path saved = Files.writeString(dir.resolve(".pipeline.yaml.new"), TICKS.formatted("equals") + PRICES
            + "outputs:\n" + ticksOutput + "  prices_file: {type: file, path: " + pricesFile + "}\n");
        Files.move(saved, config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        awaitLine(out, "config " + config + " reloaded: 2 streams, 2 outputs");
        JsonLines.awaitSeqs(pricesFile, 2, STEP);
        JsonLines.awaitSeqs(ticksFile, ticks + 10, STEP);
      } finally {
        sip.destroy(); // SIGTERM: sip delivers what is stored, then exits
        assertThat(sip.waitFor(60, TimeUnit.SECONDS)).as("sip exits after SIGTERM").isTrue();
        exitCode = sip.exitValue();
      }
    }

    assertThat(exitCode).as(Files.readString(err)).isIn(0, 143);
    List<CaptureEvent> stored = new ArrayList<>();
    try (EventStore store = EventStore.open(dataDir)) {
      store.scan(EventQuery.all(), stored::add);
    }
    assertThat(JsonLines.seqs(ticksFile)).as("every tick, once, in order, across the failed and the good reload")
        .containsExactlyElementsOf(seqs(stored, ConfigReloadEndToEndTest::isTick));
    List<Long> prices = JsonLines.seqs(pricesFile);
    List<Long> storedPrices = seqs(stored, e -> e instanceof HttpEvent h && h.url().contains("/api/prices"));
    assertThat(storedPrices.get(0)).as("the new output starts with the events stored from the reload on")
        .isLessThan(prices.get(0));
    assertThat(prices).containsExactlyElementsOf(storedPrices.stream().filter(s -> s >= prices.get(0)).toList());
  }

  private static boolean isTick(CaptureEvent e) {
    return e instanceof WsFrameEvent f && f.direction() == WsFrameEvent.Direction.RECEIVED
        && f.payload().data().startsWith("{\"type\":\"tick\"");
  }

  private static List<Long> seqs(List<CaptureEvent> events, Predicate<CaptureEvent> which) {
    return events.stream().filter(which).map(CaptureEvent::seq).toList();
  }

  private static void awaitLine(Path log, String start) throws Exception {
    long deadline = System.nanoTime() + STEP.toNanos();
    while (Files.readAllLines(log).stream().noneMatch(l -> l.startsWith(start))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no line starting with '" + start + "' after " + STEP.toSeconds() + " s in "
            + log + ":\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }
}
