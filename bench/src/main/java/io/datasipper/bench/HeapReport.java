package io.datasipper.bench;

import io.datasipper.store.WriterStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The markdown report of {@link HeapBench}: the settings, the verdict and the heap second by second. */
final class HeapReport {
  record Run(int seconds, int rate, int frameBytes, int ringMaxEvents, long ringMaxBytes, long writerMaxQueuedBytes,
      long maxHeap, List<String> jvmArgs, String loadAtStart, long sent, long received, WriterStats writer,
      List<HeapBench.Sample> samples) {}

  private HeapReport() {}

  static Path write(Run r, double flatSlack, Path dir, String name) throws IOException {
    StringBuilder md = new StringBuilder();
    List<HeapBench.Sample> live = r.samples().stream().filter(s -> s.liveAfterFullGc() >= 0).toList();
    long firstLive = live.isEmpty() ? -1 : live.getFirst().liveAfterFullGc();
    long lastLive = live.isEmpty() ? -1 : live.getLast().liveAfterFullGc();
    long peakAfterGc = r.samples().stream().mapToLong(HeapBench.Sample::afterGc).max().orElse(0);
    long peakUsed = r.samples().stream().mapToLong(HeapBench.Sample::heapUsed).max().orElse(0);
    boolean flat = live.size() >= 2 && lastLive <= firstLive * flatSlack;
    double mibPassed = r.received() * (double) r.frameBytes() / (1024 * 1024);
    line(md, "# Heap while large WebSocket frames stream through a capture, " + LocalDate.now());
    line(md, "");
    line(md, String.format(Locale.ROOT, "A local server sends %d text frames of %s MiB per second for %d s to a page in"
        + " headless Chromium; DataSipper captures them (`Capture.launch`, the store writer with its default bounds,"
        + " SQLite) with a ring buffer of %d events / %s MiB. The JVM's heap is sampled every second: *after GC* is"
        + " the highest heap in use right after a collection in that second (the live data, and what a young collection"
        + " left in the old generation), *used* includes garbage not yet collected. Every "
        + "10 s the bench runs a full collection and reads what is left, the *live* heap.",
        r.rate(), HeapBench.mib(r.frameBytes()), r.seconds(), r.ringMaxEvents(), HeapBench.mib(r.ringMaxBytes())));
    line(md, "");
    line(md, "Reproduce: `bench/heap`. JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + ", max heap " + HeapBench.mib(r.maxHeap()) + " MiB, flags `" + String.join(" ", r.jvmArgs()) + "`. Load average"
        + " at start " + r.loadAtStart() + " on " + Runtime.getRuntime().availableProcessors() + " cores (column Load).");
    line(md, "");
    line(md, "## Result");
    line(md, "");
    line(md, "| Figure | Value |");
    line(md, "|---|---|");
    line(md, "| frames sent / received by the capture | " + r.sent() + " / " + r.received() + String.format(Locale.ROOT,
        " (%.0f MiB through the capture)", mibPassed) + " |");
    line(md, "| events written to SQLite / dropped from the store | " + r.writer().written() + " / "
        + r.writer().droppedEvents() + " |");
    line(md, "| live heap (after a full GC): first measurement, last one, every one | " + HeapBench.mib(firstLive)
        + ", " + HeapBench.mib(lastLive) + " MiB; " + String.join(", ", live.stream()
        .map(s -> String.format(Locale.ROOT, "%.0f s: %s", s.seconds(), HeapBench.mib(s.liveAfterFullGc()))).toList())
        + " |");
    line(md, "| heap after GC, highest of the run / heap used, highest / max heap | " + HeapBench.mib(peakAfterGc) + " / "
        + HeapBench.mib(peakUsed) + " / " + HeapBench.mib(r.maxHeap()) + " MiB |");
    line(md, "| bounds: ring + store writer's queue | " + HeapBench.mib(r.ringMaxBytes()) + " + "
        + HeapBench.mib(r.writerMaxQueuedBytes()) + " MiB |");
    line(md, String.format(Locale.ROOT, "| heap flat (last live <= first live x %.2f) | **%s** |", flatSlack,
        flat ? "yes" : "NO"));
    line(md, "");
    line(md, "## Second by second");
    line(md, "");
    line(md, "| s | Heap after GC MiB | Used MiB | Committed MiB | Ring MiB | Ring events | Writer queue MiB | Frames"
        + " received | Events written | JVM RSS MiB | GCs | Load | Live MiB |");
    line(md, "|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (HeapBench.Sample s : r.samples()) {
      line(md, String.format(Locale.ROOT, "| %.0f | %s | %s | %s | %s | %d | %s | %d | %d | %s | %d | %s | %s |", s.seconds(),
          HeapBench.mib(s.afterGc()), HeapBench.mib(s.heapUsed()), HeapBench.mib(s.heapCommitted()),
          HeapBench.mib(s.ringBytes()), s.ringEvents(), HeapBench.mib(s.queuedBytes()), s.framesReceived(), s.written(),
          HeapBench.mib(s.jvmRss()), s.gcCount(), s.load(),
          s.liveAfterFullGc() < 0 ? "" : HeapBench.mib(s.liveAfterFullGc())));
    }
    System.out.print(md);
    return BenchFiles.writeReport(dir, name, md.toString());
  }

  private static void line(StringBuilder md, String text) {
    md.append(text).append('\n');
  }
}
