package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.store.TmpfsMount;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault DataSipper promises to survive, in one run: each test stores or captures a known set
 * of events, injects its fault, lets DataSipper recover, then counts what reached the destination
 * and what went to the dead letters with a reason. Nothing may be in neither. The table is printed
 * and kept in {@code cli/target/fault-suite.md}.
 */
class FaultSuiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FaultTable TABLE = new FaultTable();
  private static final Source TAB = new Source("tab-1", "frame-1", "page", "http://127.0.0.1/");

  @TempDir Path dir;

  @AfterAll
  static void publish() {
    TABLE.publish(Path.of("target", "fault-suite.md"));
  }

  @Test
  void aStoredEventThatNoLongerParses() throws Exception {
    Path data = dir.resolve("data");
    Path out = dir.resolve("out/frames.jsonl");
    store(data, 2_000, 0);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(EventStore.FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE events SET json = substr(json, 1, 40) WHERE seq IN (700, 1400)");
    }
    FramesDataDir.deliverTo(data, out);

    CliRunner deliver = CliRunner.run("deliver", "--data-dir", data.toString());

    assertThat(deliver.exitCode()).as("deliver says that not all was delivered: %s", deliver.err())
        .isEqualTo(Main.FAILURE);
    row("A stored event no longer parses (2 rows cut short)", data, 2_000, distinctSeqs(out));
  }

  @Test
  void aWebhookThatFailsThenRecovers() throws Exception {
    Path data = dir.resolve("data");
    store(data, 500, 0);
    try (Hook hook = new Hook((request, body) -> request < 5 ? 503 : 200)) {
      config(data, webhookStreams(hook));
      CliRunner deliver = CliRunner.run("deliver", "--data-dir", data.toString(), "--timeout", "60s");
      assertThat(deliver.exitCode()).as(deliver.err()).isZero();
      assertThat(hook.requests.get()).as("answered 503 five times first").isGreaterThan(5);
      row("Webhook answers 503 five times, then 200", data, 500, hook.seqs);
    }
  }

  @Test
  void aWebhookThatRedirects() throws Exception {
    Path data = dir.resolve("data");
    store(data, 500, 0);
    try (Hook hook = new Hook((request, body) -> body.contains("\"id\":\"e250\"") ? 302 : 200)) {
      config(data, webhookStreams(hook));
      CliRunner deliver = CliRunner.run("deliver", "--data-dir", data.toString(), "--timeout", "60s");
      assertThat(deliver.exitCode()).as(deliver.err()).isZero();
      long dead = deadLetters(data, "frames");
      assertThat(dead).as("the redirected record went to the dead letters").isEqualTo(1);
      row("Webhook redirects (302) every request that holds one event", data, 500, hook.seqs);
    }
  }

  @Test
  void aWebhookThatIsDownBesideAFileOutputOfItsStream() throws Exception {
    Path data = dir.resolve("data");
    Path out = dir.resolve("out/frames.jsonl");
    store(data, 30_000, 0);
    AtomicBoolean down = new AtomicBoolean(true);
    try (Hook hook = new Hook((request, body) -> down.get() ? 503 : 200)) {
      config(data, """
          streams:
            - name: frames
              conditions: [{field: type, operator: equals, value: ws_frame}]
              outputs: [hook, file]
          outputs:
            hook: {type: webhook, url: "http://127.0.0.1:%d/hook", start_from: earliest}
            file: {type: file, path: %s, start_from: earliest}
          """.formatted(hook.port(), out));
      Process deliver = deliverInBackground(data, "deliver.log");
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (seqsWrittenSoFar(out) < 30_000 && deliver.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        assertThat(distinctSeqs(out)).as("the file output got every event while the webhook was down").hasSize(30_000);
        assertThat(hook.seqs).isEmpty();
        down.set(false);
        assertThat(deliver.waitFor(120, TimeUnit.SECONDS)).as("deliver ended").isTrue();
        assertThat(deliver.exitValue()).as(Files.readString(dir.resolve("deliver.log"))).isZero();
      } finally {
        deliver.destroyForcibly();
      }
      row("Webhook down (503) while the file output of its stream takes every event, then up", data, 30_000,
          hook.seqs);
    }
  }

  @Test
  void aDeliveryKilledMidway() throws Exception {
    Path data = dir.resolve("data");
    Path out = dir.resolve("out/frames.jsonl");
    store(data, 30_000, 0);
    FramesDataDir.deliverTo(data, out);
    Process deliver = deliverInBackground(data, "deliver.log");
    try {
      awaitBytes(out, 2_000_000, deliver);
      assertThat(deliver.isAlive()).as("still delivering when killed").isTrue();
      deliver.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(deliver.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      deliver.destroyForcibly();
    }
    CliRunner again = CliRunner.run("deliver", "--data-dir", data.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    row("deliver killed with SIGKILL mid-way, then run again", data, 30_000, distinctSeqs(out));
  }

  @Test
  void aSecondDeliveryStartsWhileOneRuns() throws Exception {
    Path data = dir.resolve("data");
    Path out = dir.resolve("out/frames.jsonl");
    store(data, 30_000, 0);
    FramesDataDir.deliverTo(data, out);
    Process first = deliverInBackground(data, "first.log");
    try {
      awaitBytes(out, 1, first);
      CliRunner second = CliRunner.run("deliver", "--data-dir", data.toString());
      assertThat(second.exitCode()).as("the second stops at once: %s", second.err()).isEqualTo(Main.USAGE);
      assertThat(second.err()).contains("is in use by pid " + first.pid() + " (deliver)");
      assertThat(first.waitFor(120, TimeUnit.SECONDS)).as("the first delivers everything").isTrue();
      assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
    } finally {
      first.destroyForcibly();
    }
    assertThat(Files.readAllLines(out)).as("nothing delivered twice").hasSize(30_000);
    row("A second deliver starts on the data directory while one runs", data, 30_000, distinctSeqs(out));
  }

  @Test
  void aTransformThatNeverReturnsBesideAPlainStream() throws Exception {
    Path data = dir.resolve("data");
    Path news = dir.resolve("out/news.jsonl");
    Path frames = dir.resolve("out/frames.jsonl");
    store(data, 100, 400);
    config(data, framesTransformedBesideNews("function transform(event) { while (true) {} }", frames, news));

    CliRunner deliver = CliRunner.run("deliver", "--data-dir", data.toString(), "--timeout", "120s");

    assertThat(deliver.exitCode()).as(deliver.err()).isZero();
    row("A transform loops forever on every frame, beside a plain stream", data, 500, distinctSeqs(news, frames));
  }

  @Test
  void theOutputsDiskFillsUpThenHasRoomAgain() throws Exception {
    Path data = dir.resolve("data");
    Path disk = Files.createDirectories(dir.resolve("disk"));
    Path out = disk.resolve("frames.jsonl");
    store(data, 6_000, 0); // about 2.5 MB of lines for a 1 MB disk
    FramesDataDir.deliverTo(data, out);
    TmpfsMount mount = TmpfsMount.mount(disk, "1m");
    try {
      Process deliver = deliverInBackground(data, "deliver.log");
      try {
        awaitFull(dir.resolve("deliver.log"), deliver);
        mount.resize("16m");
        assertThat(deliver.waitFor(120, TimeUnit.SECONDS)).as("deliver ends once there is room").isTrue();
        assertThat(deliver.exitValue()).as(Files.readString(dir.resolve("deliver.log"))).isZero();
      } finally {
        deliver.destroyForcibly();
        deliver.waitFor(30, TimeUnit.SECONDS); // it holds the file open: the disk cannot be unmounted before
      }
      for (String line : Files.readAllLines(out)) {
        JSON.readTree(line); // no line broken by the write the full disk cut short
      }
      row("The file output's disk fills up mid-delivery, then has room again", data, 6_000, distinctSeqs(out));
    } finally {
      mount.unmount();
    }
  }

  /** Waits until the output reports it is failing for the full disk, while deliver still runs and retries. */
  private static void awaitFull(Path log, Process deliver) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("is failing") && deliver.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Files.readString(log)).as("the output says it is failing for the full disk")
        .contains("is failing", "No space left on device");
    Thread.sleep(500); // a few more writes fail on the full disk and are retried
    assertThat(deliver.isAlive()).as("deliver waits for room rather than giving up").isTrue();
  }

  @Test
  void aTransformThatHoardsMemoryBesideAPlainStream() throws Exception {
    Path data = dir.resolve("data");
    Path news = dir.resolve("out/news.jsonl");
    Path frames = dir.resolve("out/frames.jsonl");
    store(data, 200, 300);
    // 1 Mi doubles, 8 MiB, kept per event.
    config(data, framesTransformedBesideNews("const hoard = [];\n"
        + "function transform(event) { hoard.push(new Array(1024 * 1024).fill(event.seq + 0.5)); return {seq: event.seq}; }",
        frames, news));
    // A heap the hoarding script would fill after a few dozen events, on the optimizing runtime the
    // launcher starts on JDK 25, where a script's kept memory is measured.
    assertThat(Runtime.version().feature()).as("the optimizing runtime needs JDK 25 or later").isGreaterThanOrEqualTo(25);
    Path compiler = Path.of("../transform/target/compiler");
    assertThat(compiler).as("the compiler jars, copied there by the transform module's build").isDirectory();
    Process deliver = CliProcess.of(List.of("-Xmx384m", "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
            "--upgrade-module-path=" + compiler, "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow"),
        List.of("deliver", "--data-dir", data.toString(), "--timeout", "150s"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("deliver.log").toFile()).start();
    try {
      assertThat(deliver.waitFor(180, TimeUnit.SECONDS)).as("deliver ends").isTrue();
      assertThat(deliver.exitValue()).as(Files.readString(dir.resolve("deliver.log"))).isZero();
    } finally {
      deliver.destroyForcibly();
    }
    try (EventStore store = EventStore.open(data)) {
      assertThat(new DeliveryLedger(store).deadLetters("frames", 1_000)).as("the hoarder's events, naming the limit")
          .isNotEmpty().allSatisfy(d -> assertThat(d.error()).contains("kept more than 64 MiB"));
      assertThat(new DeliveryLedger(store).deadLetters("news", 1_000)).isEmpty();
    }
    assertThat(distinctSeqs(news)).as("the plain stream, whole").hasSize(300);
    row("A transform keeps 8 MiB per event in a global (384 MiB heap), beside a plain stream", data, 500,
        distinctSeqs(news, frames));
  }

  /** {@code deliver} in a process of its own, as a user runs it, printing into {@code log} in the test's folder. */
  private Process deliverInBackground(Path data, String log) throws IOException {
    return CliProcess.of(List.of("deliver", "--data-dir", data.toString(), "--timeout", "120s"))
        .redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
  }

  /** Waits, at most a minute, until the output holds {@code bytes} or the delivery ended. */
  private static void awaitBytes(Path out, long bytes, Process deliver) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((!Files.exists(out) || Files.size(out) < bytes) && deliver.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Adds the row, and fails the test if an event is lost. */
  private static void row(String fault, Path data, long captured, Set<Long> delivered) throws Exception {
    long dead = deadLetterSeqs(data).stream().filter(s -> !delivered.contains(s)).count();
    FaultTable.Row row = new FaultTable.Row(fault, captured, delivered.size(), dead);
    TABLE.add(row);
    assertThat(row.lost()).as("events neither delivered nor dead-lettered: %s", row).isZero();
  }

  private static long deadLetters(Path data, String stream) throws Exception {
    try (EventStore store = EventStore.open(data)) {
      return new DeliveryLedger(store).deadLetters(stream, Integer.MAX_VALUE).size();
    }
  }

  private static Set<Long> deadLetterSeqs(Path data) throws Exception {
    Set<Long> seqs = new HashSet<>();
    try (EventStore store = EventStore.open(data)) {
      new DeliveryLedger(store).deadLetters(null, Integer.MAX_VALUE).forEach(d -> seqs.add(d.sourceSeq()));
    }
    return seqs;
  }

  /** The seqs the outputs' files hold, each once. */
  private static Set<Long> distinctSeqs(Path... outs) throws IOException {
    Set<Long> seqs = new HashSet<>();
    for (Path out : outs) {
      if (Files.exists(out)) {
        for (String line : Files.readAllLines(out)) {
          seqs.add(JSON.readTree(line).path("seq").asLong());
        }
      }
    }
    return seqs;
  }

  /** How many seqs {@code out} holds while an output still writes it: its last line may be half written. */
  private static int seqsWrittenSoFar(Path out) throws IOException {
    if (!Files.exists(out)) {
      return 0;
    }
    byte[] bytes = Files.readAllBytes(out);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    Set<Long> seqs = new HashSet<>();
    for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList()) {
      seqs.add(JSON.readTree(line).path("seq").asLong());
    }
    return seqs.size();
  }

  /** The frames through {@code transform} into one file, the server-sent events untouched into another. */
  private static String framesTransformedBesideNews(String transform, Path frames, Path news) {
    return """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [frames_file]
            transform: |
        %s
          - name: news
            conditions: [{field: type, operator: equals, value: sse}]
            outputs: [news_file]
        outputs:
          frames_file: {type: file, path: %s, start_from: earliest}
          news_file: {type: file, path: %s, start_from: earliest}
        """.formatted(transform.indent(6).stripTrailing(), frames, news);
  }

  private static String webhookStreams(Hook hook) {
    return """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [hook]
        outputs:
          hook: {type: webhook, url: "http://127.0.0.1:%d/hook", start_from: earliest}
        """.formatted(hook.port());
  }

  private static void config(Path data, String yaml) throws IOException {
    Files.writeString(data.resolve("datasipper.yaml"), yaml);
  }

  /** {@code frames} WebSocket frames, then {@code news} server-sent events, about 300 bytes each. */
  private static void store(Path data, int frames, int news) throws Exception {
    String pad = "x".repeat(250);
    try (EventStore store = EventStore.open(data)) {
      List<CaptureEvent> batch = new ArrayList<>();
      for (long seq = 1; seq <= frames + news; seq++) {
        Instant at = Instant.EPOCH.plusMillis(seq);
        String payload = "{\"n\":" + seq + ",\"pad\":\"" + pad + "\"}";
        batch.add(seq <= frames
            ? new WsFrameEvent("e" + seq, seq, at, "c1", "ws://127.0.0.1/ws", WsFrameEvent.Direction.RECEIVED,
                WsFrameEvent.Opcode.TEXT, Body.text(payload, payload.length(), false), payload.length(), TAB)
            : new SseEvent("e" + seq, seq, at, "r1", "http://127.0.0.1/news", "message", null, payload,
                SseEvent.Via.EVENT_SOURCE, TAB));
        if (batch.size() == 2_000) {
          store.insert(batch);
          batch = new ArrayList<>();
        }
      }
      store.insert(batch);
    }
  }

  /** A webhook receiver on 127.0.0.1 that answers each request as told, and keeps the seqs of what it accepted. */
  private static final class Hook implements AutoCloseable {
    final Set<Long> seqs = ConcurrentHashMap.newKeySet();
    final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;

    /** @param status the answer's status, from the request's number and its body */
    Hook(BiFunction<Integer, String, Integer> status) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/hook", exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int code = status.apply(requests.getAndIncrement(), new String(body, StandardCharsets.UTF_8));
        if (code == 200) {
          JsonNode records = JSON.readTree(body);
          for (JsonNode r : records.isArray() ? records : JSON.createArrayNode().add(records)) {
            seqs.add(r.path("seq").asLong());
          }
        } else if (code / 100 == 3) {
          exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
        }
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
      });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
