package io.datasipper.bench;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.redact.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * What redaction costs one event, on the thread that reads the browser: the default rules against
 * {@code keep_secrets} (which hands each event on untouched), in alternating rounds of the same
 * run, for a benchmark frame with no secret, a frame with one, and a typical API exchange. Counted
 * in the thread's CPU time, which a busy machine disturbs less than wall time; the median round is
 * reported.
 * Writes bench/results/redact-&lt;date&gt;.md.
 */
public final class RedactionBench {
  private static final int ROUNDS = 7;
  private static final int EVENTS_PER_ROUND = 200_000;
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  private static final Source SOURCE = new Source("tab", "frame", "page", "http://127.0.0.1:8080/app?page=1");

  private RedactionBench() {}

  public static void main(String[] args) throws IOException {
    Path outDir = Path.of(args.length > 0 ? args[0] : "bench/results");
    Redactor redacting = CaptureRules.defaults().redactor();
    Redactor keeping = CaptureRules.defaults().withKeepSecrets(true).redactor();
    String pad = "x".repeat(80);
    List<String> rows = new ArrayList<>();
    rows.add(row("128-byte text frame, no secret (bench/capture's)", redacting, keeping,
        i -> frame("{\"k\":1,\"s\":" + i + ",\"t\":123456789012,\"p\":\"" + pad + "\"}")));
    rows.add(row("text frame with a token key", redacting, keeping,
        i -> frame("{\"type\":\"auth\",\"token\":\"t" + i + "\",\"room\":\"lobby\"}")));
    rows.add(row("API exchange: 14 headers, query, 2 KB JSON response", redacting, keeping, RedactionBench::exchange));
    String load = new String(Files.readAllBytes(Path.of("/proc/loadavg"))).split(" ")[0];
    String md = "# Redaction cost, " + LocalDate.now(ZoneOffset.UTC) + "\n\n"
        + "CPU nanoseconds per event on one thread: the default redaction rules against `keep_secrets`, in "
        + ROUNDS + " alternating rounds of " + EVENTS_PER_ROUND + " events each (median round; the event is built in "
        + "both). Load average at the end: " + load + " on " + Runtime.getRuntime().availableProcessors()
        + " cores.\n\nReproduce: `bench/redact`\n\n"
        + "| Event | Default rules ns | keep_secrets ns | Redaction ns |\n|---|---|---|---|\n"
        + String.join("\n", rows) + "\n";
    Files.createDirectories(outDir);
    Path out = outDir.resolve("redact-" + LocalDate.now(ZoneOffset.UTC) + ".md");
    Files.writeString(out, md);
    System.out.print(md);
    System.out.println("Report: " + out);
  }

  private static String row(String what, Redactor redacting, Redactor keeping, IntFunction<CaptureEvent> event) {
    long[] on = new long[ROUNDS];
    long[] off = new long[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      on[round] = nanosPerEvent(redacting, event);
      off[round] = nanosPerEvent(keeping, event);
    }
    java.util.Arrays.sort(on);
    java.util.Arrays.sort(off);
    long a = on[ROUNDS / 2];
    long b = off[ROUNDS / 2];
    return String.format(Locale.ROOT, "| %s | %d | %d | %d |", what, a, b, a - b);
  }

  private static long nanosPerEvent(Redactor redactor, IntFunction<CaptureEvent> event) {
    long checksum = 0;
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < EVENTS_PER_ROUND; i++) {
      checksum += redactor.event(event.apply(i)).seq();
    }
    long elapsed = CPU.getCurrentThreadCpuTime() - start;
    if (checksum == 42) {
      System.out.print(""); // keeps the loop's result alive
    }
    return elapsed / EVENTS_PER_ROUND;
  }

  private static CaptureEvent frame(String text) {
    return new WsFrameEvent("id", 1, Instant.EPOCH, "c1", "ws://127.0.0.1:8080/ws", WsFrameEvent.Direction.RECEIVED,
        WsFrameEvent.Opcode.TEXT, Body.text(text, text.length(), false), text.length(), SOURCE);
  }

  private static CaptureEvent exchange(int i) {
    StringBuilder json = new StringBuilder("{\"items\":[");
    for (int k = 0; k < 20; k++) {
      json.append(k == 0 ? "" : ",").append("{\"id\":").append(i + k).append(",\"name\":\"item ").append(k)
          .append("\",\"price\":12.5,\"tags\":[\"a\",\"b\"],\"url\":\"https://shop.test/items/").append(k).append("\"}");
    }
    json.append("],\"next\":\"https://shop.test/api/items?page=2&sig=abc\"}");
    List<EventHeader> request = List.of(new EventHeader("Accept", "application/json"),
        new EventHeader("Authorization", "Bearer abcdefghijklmnopqrstuvwxyz"), new EventHeader("Cookie", "s=1"),
        new EventHeader("Referer", "http://127.0.0.1:8080/app?page=1"), new EventHeader("User-Agent", "Mozilla/5.0"),
        new EventHeader("Accept-Language", "en"), new EventHeader("X-Requested-With", "fetch"));
    List<EventHeader> response = List.of(new EventHeader("Content-Type", "application/json"),
        new EventHeader("Cache-Control", "no-store"), new EventHeader("Date", "Wed, 02 Dec 2026 06:00:00 GMT"),
        new EventHeader("Server", "test"), new EventHeader("Vary", "Accept"), new EventHeader("Set-Cookie", "s=2"),
        new EventHeader("Content-Length", String.valueOf(json.length())));
    String body = json.toString();
    return new HttpEvent("id", 1, Instant.EPOCH, Instant.EPOCH, null, "https://shop.test/api/items?page=1&lang=en", "GET",
        new HttpEvent.HttpRequest(request, null),
        new HttpEvent.HttpResponse(200, "OK", response, "application/json", Body.text(body, body.length(), false),
            "h2", "127.0.0.1", 443, false),
        new HttpEvent.Timing(0, 0, 0, 0, 0, 0, 0, 0), List.of(), null, "fetch",
        new HttpEvent.Initiator("script", "https://shop.test/app.js"), SOURCE);
  }
}
