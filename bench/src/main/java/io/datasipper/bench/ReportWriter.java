package io.datasipper.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/** Writes the report as {@code capture-<date>.md} and {@code capture-<date>.json}. */
final class ReportWriter {
  private ReportWriter() {}

  /** Writes both files (each through a temporary file, so a reader never sees half) and returns the Markdown's path. */
  static Path write(Report report, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    String base = "capture-" + report.environment().date();
    Path md = outDir.resolve(base + ".md");
    replace(md, markdown(report));
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    replace(outDir.resolve(base + ".json"), json.writeValueAsString(report) + "\n");
    return md;
  }

  private static void replace(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String markdown(Report r) {
    StringBuilder md = new StringBuilder();
    Report.Environment env = r.environment();
    Report.Settings set = r.settings();
    line(md, "# Capture benchmark, " + env.date());
    line(md, "");
    line(md, "A local WebSocket server sends text frames of about " + set.payloadBytes() + " bytes at fixed rates to a "
        + "page in headless Chromium. The **bare CDP** reader is the ceiling: capture's CDP client over the pipe, "
        + "`Network.enable` on the tab, each `webSocketFrameReceived` parsed and timed, nothing stored. "
        + "**DataSipper** is `Capture.launch` into a `StoreWriter` on SQLite; a frame counts when its `ws_frame` "
        + "event reaches the ring buffer. Latency is server send to that point (one JVM, one clock).");
    line(md, "");
    line(md, "Reproduce: `" + env.command() + "`");
    line(md, "");

    line(md, "## Targets");
    line(md, "");
    double busiest = r.phases().stream().mapToDouble(p -> load(p.loadAtStart())).max().orElse(0);
    if (busiest > env.cores()) {
      line(md, String.format(Locale.ROOT, "**The machine was busy:** the load average reached %.1f on %d cores "
          + "during this run (column Load below). Other work competed for the CPU with the browser and both "
          + "readers, so latencies here are longer and sustainable rates lower than on a quiet machine; compare "
          + "the two readers at similar load, not with other runs.", busiest, env.cores()));
      line(md, "");
    }
    line(md, "| Target | Required | Measured | Result |");
    line(md, "|---|---|---|---|");
    for (Report.Verdict v : r.targets()) {
      line(md, "| " + v.target() + " | " + v.required() + " | " + v.measured() + " | **" + v.result() + "** |");
    }
    line(md, "");

    line(md, "## Fixed rates");
    line(md, "");
    line(md, "| Reader | Rate /s | Seconds | Sent | Received within 2 s | Received | Stored | p50 ms | p90 ms | p99 ms "
        + "| p99.9 ms | Max ms | Sustainable | Load |");
    line(md, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (PhaseResult p : r.phases()) {
      if (p.phase().startsWith(CaptureBench.FIXED_PREFIX)) {
        for (StepResult s : judged(p)) {
          LatencyStats l = s.latency();
          line(md, String.format(Locale.ROOT, "| %s | %d | %d | %d | %d (%s) | %d | %s | %s | %s | %s | %s | %s | %s | %s |",
              p.reader(), s.rate(), s.seconds(), s.sent(), s.receivedWithin2s(),
              Units.percent(s.receivedWithin2s(), s.sent()), s.received(), stored(s), Units.ms(l.p50Ms()),
              Units.ms(l.p90Ms()), Units.ms(l.p99Ms()), Units.ms(l.p999Ms()), Units.ms(l.maxMs()),
              s.sustainable() ? "yes" : "no", p.loadAtStart()));
        }
      }
    }
    line(md, "");

    line(md, "## Sustainable rate");
    line(md, "");
    line(md, String.format(Locale.ROOT, "Criteria: all frames sent on time, >= %.1f%% received within 2 s after the "
        + "server stopped, p99 < %.0f ms; the fixed-rate steps count too. Each ramp stops at its first failing "
        + "step, so the ramp's step is the resolution of the share. Bare CDP: **%s**; DataSipper: **%s**.",
        PhaseRunner.MIN_RECEIVED_SHARE * 100, PhaseRunner.MAX_P99_MS,
        r.bareSustainable().text(), r.dataSipperSustainable().text()));
    String keepSecrets = FrameReader.Kind.DATASIPPER_KEEP_SECRETS.label;
    if (r.phases().stream().anyMatch(p -> p.reader().equals(keepSecrets))) {
      line(md, "");
      line(md, "Without redaction (" + keepSecrets + ", measured beside it in this run): **"
          + Targets.sustainable(r.phases(), keepSecrets).text() + "**.");
    }
    line(md, "");
    line(md, "| Reader | Rate /s | Seconds | Sent | Received within 2 s | Received | Stored | p50 ms | p99 ms | Max ms "
        + "| Sustainable | Load |");
    line(md, "|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (PhaseResult p : r.phases()) {
      if (p.phase().equals(CaptureBench.RAMP_PHASE)) {
        for (StepResult s : judged(p)) {
          LatencyStats l = s.latency();
          line(md, String.format(Locale.ROOT, "| %s | %d | %d | %d | %d (%s) | %d | %s | %s | %s | %s | %s | %s |",
              p.reader(), s.rate(), s.seconds(), s.sent(), s.receivedWithin2s(),
              Units.percent(s.receivedWithin2s(), s.sent()), s.received(), stored(s), Units.ms(l.p50Ms()),
              Units.ms(l.p99Ms()), Units.ms(l.maxMs()), s.sustainable() ? "yes" : "no", p.loadAtStart()));
        }
      }
    }
    line(md, "");

    line(md, "## DataSipper's store");
    line(md, "");
    line(md, String.format(Locale.ROOT, "Writer settings: batches of %d, flushed every %d ms, queue bound %s; ring of %d "
        + "events. Rows/s is what the writer committed while the server was sending.", set.writerBatchSize(),
        set.writerFlushIntervalMillis(), Units.bytes(set.writerMaxQueuedBytes()), set.ringCapacity()));
    line(md, "");
    line(md, "| Reader | Phase | Step | Rate /s | Rows/s written | Pending 2 s after | Dropped | capture_gap | Queue peak "
        + "(sampled) | Writer queue peak | ws_frame rows (phase) | capture_gap rows (phase) |");
    line(md, "|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (PhaseResult p : r.phases()) {
      for (StepResult s : p.steps()) {
        StepResult.StoreFigures f = s.store();
        if (f != null) {
          line(md, String.format(Locale.ROOT, "| %s | %s | %s | %d | %.0f | %d | %d | %d | %s | %s | %d | %d |",
              p.reader(), p.phase(),
              s.label(), s.rate(), f.ingestRowsPerSecond(), f.pendingAt2s(), f.droppedEvents(), f.gapEvents(),
              Units.bytes(s.memory().queuedBytes()), Units.bytes(f.writerPeakQueuedBytes()), p.storeFrameRows(),
              p.storeGapRows()));
        }
      }
    }
    line(md, "");

    line(md, "## Memory and CPU");
    line(md, "");
    line(md, "Per step, from its first frame until its frames stopped arriving. The JVM holds the server too, so "
        + "DataSipper's own cost is the difference to the bare reader at the same rate. Heap used includes "
        + "garbage (the default heap is large, so collections are rare); heap after GC is the live data. "
        + "Chromium RSS is the peak "
        + "of VmRSS summed over its processes, sampled every 500 ms (pages they share count in each); its PSS, "
        + "which counts them once, is read at the step's end. CPU is in cores (CPU seconds / wall "
        + "seconds) on a " + env.cores() + "-core machine.");
    line(md, "");
    line(md, "| Reader | Phase | Step | Rate /s | Peak heap used | Peak heap after GC | JVM peak RSS "
        + "| Chromium RSS (sum) | Chromium PSS at end | Chromium processes | JVM CPU | Chromium CPU |");
    line(md, "|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (PhaseResult p : r.phases()) {
      for (StepResult s : p.steps()) {
        MemorySampler.Peaks m = s.memory();
        line(md, String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s%s | %s | %s | %d | %.2f | %.2f |",
            p.reader(), p.phase(), s.label(), s.rate(), Units.bytes(m.heapUsedBytes()),
            Units.bytes(m.heapAfterGcBytes()),
            Units.bytes(Math.max(m.jvmHwmBytes(), m.jvmRssSampledBytes())), m.hwmReset() ? "" : " (since start)",
            Units.bytes(m.browserRssBytes()), Units.bytes(m.browserPssAtEndBytes()), m.browserProcesses(),
            s.jvmCpuSeconds() / s.wallSeconds(), s.browserCpuSeconds() / s.wallSeconds()));
      }
    }
    line(md, "");

    line(md, "## Environment");
    line(md, "");
    line(md, "- Started " + env.startedAt() + ", finished " + env.finishedAt() + "; commit " + env.commit());
    line(md, "- " + env.cores() + " cores; 1-minute load average " + env.loadAtStart() + " at start, "
        + env.loadAtEnd() + " at the end (Load in the tables: at the start of that browser's phase). The machine "
        + "is shared: a load above the core count means other work competed for the CPU");
    line(md, "- Java " + env.java() + ", max heap " + Units.bytes(env.maxHeapBytes()) + ", GC "
        + String.join(" + ", env.garbageCollectors()));
    line(md, "- " + env.chromium());
    line(md, "- Each phase is a fresh browser and, for DataSipper, a fresh data directory, in this JVM; at each rate the"
        + " bare reader runs first and the other readers take turns at going first (a reader that runs later finds more"
        + " of the shared code compiled). "
        + (set.jitWarmupSeconds() > 0 ? "Before any phase each reader ran once, unjudged, for " + set.jitWarmupSeconds()
            + " s at " + CaptureBench.JIT_WARMUP_RATE + " frames/s, so that the JIT had compiled every reader's code"
            + " before any was measured. " : "")
        + "Every phase starts with "
        + set.warmupSeconds() + " s of unjudged warm-up sending (in the JSON, not in these tables). Foreign "
        + "frames (not the server's): " + r.phases().stream().mapToLong(PhaseResult::foreignFrames).sum()
        + "; frames a reader got twice: " + r.phases().stream().flatMap(p -> p.steps().stream())
            .mapToLong(StepResult::duplicates).sum() + ".");
    return md.toString();
  }

  private static double load(String loadAverage) {
    try {
      return Double.parseDouble(loadAverage);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<StepResult> judged(PhaseResult p) {
    return p.steps().stream().filter(StepResult::judged).toList();
  }

  private static String stored(StepResult s) {
    return s.store() == null ? "-" : String.valueOf(s.store().storedFrames());
  }

  private static void line(StringBuilder md, String text) {
    md.append(text).append('\n');
  }
}
