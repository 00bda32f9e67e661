package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datasipper deliver} killed with SIGKILL in the middle of delivering 100,000 events to a
 * rotating file output, then run again: every event arrives at least once, in order per stream.
 */
class DeliverCrashTest {
  private static final int EVENTS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aKilledDeliveryResumesWithoutLosingAnEvent() throws Exception {
    Path dataDir = dir.resolve("data");
    Path out = dir.resolve("out/events.jsonl");
    long t = System.nanoTime();
    try (EventStore store = EventStore.open(dataDir)) {
      fill(store);
    }
    System.out.printf("stored %d events in %d ms%n", EVENTS, (System.nanoTime() - t) / 1_000_000);
    Files.writeString(dataDir.resolve("datasipper.yaml"), """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [file]
          - name: news
            conditions: [{field: type, operator: equals, value: sse}]
            outputs: [file]
        outputs:
          file: {type: file, path: %s, max_bytes: 4000000, max_files: 100, start_from: earliest}
        """.formatted(out));

    Process deliver = CliProcess.of(List.of("deliver", "--data-dir", dataDir.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("deliver.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      // Sizes, not lines: reading the files over and over would cost more than the delivery.
      while (bytes(out) < 20_000_000L && deliver.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(deliver.isAlive()).as("still delivering when killed; log: %s", Files.readString(dir.resolve("deliver.log")))
          .isTrue();
      deliver.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(deliver.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      deliver.destroyForcibly();
    }
    int deliveredBeforeKill = lines(out).size();
    assertThat(deliveredBeforeKill).as("killed in the middle").isBetween(10_000, EVENTS - 1);

    t = System.nanoTime();
    CliRunner again = CliRunner.run("deliver", "--data-dir", dataDir.toString());
    System.out.printf("the second run delivered the rest in %d ms%n", (System.nanoTime() - t) / 1_000_000);
    assertThat(again.exitCode()).as(again.err()).isZero();

    Map<String, List<Long>> byStream = new TreeMap<>();
    for (String line : lines(out)) {
      JsonNode n = JSON.readTree(line);
      byStream.computeIfAbsent(n.path("type").asText(), k -> new ArrayList<>()).add(n.path("seq").asLong());
    }
    int duplicates = 0;
    for (Map.Entry<String, List<Long>> e : byStream.entrySet()) {
      Set<Long> firstSeen = new LinkedHashSet<>(e.getValue());
      duplicates += e.getValue().size() - firstSeen.size();
      assertThat(new ArrayList<>(firstSeen)).as("stream of %s in order", e.getKey()).isSorted();
    }
    assertThat(byStream.get("ws_frame")).containsAll(expected(s -> s % 10 != 0));
    assertThat(new LinkedHashSet<>(byStream.get("ws_frame"))).hasSize(EVENTS - EVENTS / 10);
    assertThat(new LinkedHashSet<>(byStream.get("sse"))).hasSize(EVENTS / 10);
    System.out.printf("kill -9 after %d records; duplicates after restart: %d%n", deliveredBeforeKill, duplicates);
    assertThat(duplicates).as("at most the batch in flight is delivered twice").isLessThanOrEqualTo(500);
  }

  private static List<Long> expected(java.util.function.LongPredicate which) {
    List<Long> seqs = new ArrayList<>();
    for (long s = 1; s <= EVENTS; s++) {
      if (which.test(s)) {
        seqs.add(s);
      }
    }
    return seqs;
  }

  private static long bytes(Path out) throws java.io.IOException {
    long total = 0;
    try (var files = Files.list(out.getParent())) {
      for (Path f : files.toList()) {
        total += Files.size(f);
      }
    } catch (java.nio.file.NoSuchFileException notYet) {
      return 0;
    }
    return total;
  }

  /** The output's lines, oldest rotated file first. */
  private static List<String> lines(Path out) throws java.io.IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      Path rotated = out.resolveSibling(out.getFileName() + "." + i);
      if (Files.exists(rotated)) {
        lines.addAll(Files.readAllLines(rotated));
      }
    }
    if (Files.exists(out)) {
      lines.addAll(Files.readAllLines(out));
    }
    return lines;
  }

  /** Every tenth event a server-sent event, the others WebSocket frames, about 400 bytes each. */
  private static void fill(EventStore store) {
    Source tab = new Source("tab", null, "page", "http://127.0.0.1/");
    Instant t0 = Instant.parse("2026-11-26T12:00:00Z");
    String pad = "x".repeat(300);
    List<CaptureEvent> batch = new ArrayList<>();
    for (long seq = 1; seq <= EVENTS; seq++) {
      Instant at = t0.plusMillis(seq);
      String data = "{\"n\":" + seq + ",\"pad\":\"" + pad + "\"}";
      batch.add(seq % 10 == 0
          ? new SseEvent("e" + seq, seq, at, "r1", "http://127.0.0.1/sse", "message", null, data, SseEvent.Via.EVENT_SOURCE, tab)
          : new WsFrameEvent("e" + seq, seq, at, "c" + (seq % 3), "ws://127.0.0.1/ws", WsFrameEvent.Direction.RECEIVED,
              WsFrameEvent.Opcode.TEXT, Body.text(data, data.length(), false), data.length(), tab));
      if (batch.size() == 2_000) {
        store.insert(batch);
        batch = new ArrayList<>();
      }
    }
    store.insert(batch);
  }
}
