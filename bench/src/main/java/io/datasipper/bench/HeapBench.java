package io.datasipper.bench;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.LaunchOptions;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import io.datasipper.store.WriterStats;
import io.javalin.websocket.WsContext;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams large WebSocket frames through a real capture (Chromium, {@link Capture}, the store
 * writer and ring buffer with their default bounds, SQLite) and samples the JVM's heap every
 * second, to show that memory stays flat however much passes through. Writes {@code
 * bench/results/heap-<date>.md}. Run it with {@code bench/heap}.
 */
public final class HeapBench {
  static final String USAGE = """
      Usage: bench/heap [options]
        --seconds N          how long the server sends (default 60)
        --rate N             frames per second (default 20)
        --frame-bytes N      length of each frame's text (default 1048576)
        --ring-max-bytes N   the ring buffer's byte bound (default 67108864, DataSipper's default)
      """;
  private static final long MIB = 1024 * 1024;
  /** The live heap at the end may exceed that of the first measurement by this share and still count as flat. */
  private static final double FLAT_SLACK = 1.10;
  /** Every this many seconds a full collection measures the live heap exactly (it costs the capture a pause). */
  private static final int LIVE_EVERY_SECONDS = 10;

  /** One sample: seconds since sending started, and bytes; {@code afterGc} is the highest heap after a collection in that second. */
  record Sample(double seconds, long heapUsed, long afterGc, long heapCommitted, long ringBytes, int ringEvents,
      long queuedBytes, long framesReceived, long written, long jvmRss, long gcCount, String load, long liveAfterFullGc) {}

  private HeapBench() {}

  public static void main(String[] args) throws Exception {
    BenchMain.run("heap", args, USAGE, List.of(
        new BenchArgs.Option("seconds", 60, 1, 600),
        new BenchArgs.Option("rate", 20, 1, 1_000),
        new BenchArgs.Option("frame-bytes", MIB, 1_024, 16 * MIB),
        new BenchArgs.Option("ring-max-bytes", RingBuffer.DEFAULT_MAX_BYTES, 1, 1L << 40)), HeapBench::run);
  }

  private static Path run(BenchArgs a, Path chromium, Path work) throws Exception {
    int seconds = a.getInt("seconds");
    int rate = a.getInt("rate");
    int frameBytes = a.getInt("frame-bytes");
    String loadAtStart = Proc.loadAverage();
    List<Sample> samples = new ArrayList<>();
    AtomicLong frames = new AtomicLong();
    RingBuffer ring = new RingBuffer(RingBuffer.DEFAULT_MAX_EVENTS, a.get("ring-max-bytes"));
    ring.subscribe(e -> countFrame(e, frames));
    StoreWriter.Settings settings = StoreWriter.Settings.defaults();
    WriterStats stats;
    long sent;
    try (HeapAfterGc afterGc = new HeapAfterGc();
        FrameServer server = new FrameServer(frameBytes);
        EventStore store = EventStore.open(work.resolve("data"))) {
      EventStamps stamps = new EventStamps(store.maxSeq() + 1);
      StoreWriter writer = new StoreWriter(store, ring, stamps, settings);
      try (Capture capture = Capture.launch(
          new LaunchOptions(chromium, work.resolve("profile"), false, ChromiumFlags.HERMETIC),
          CaptureRules.defaults(), stamps, writer)) {
        capture.open(server.pageUrl());
        WsContext client = server.awaitClient(Duration.ofSeconds(30));
        if (client == null) {
          throw new IllegalStateException("the page did not open its WebSocket within 30 s");
        }
        long start = System.nanoTime();
        CompletableFuture<FrameServer.Sent> sending =
            CompletableFuture.supplyAsync(() -> server.send(client, 1, rate, seconds));
        // Sample while sending, then until every frame is stored (at most 30 s more).
        long drainDeadline = Long.MAX_VALUE;
        for (int i = 0; i < seconds + 60; i++) {
          Thread.sleep(1_000);
          samples.add(sample(start, ring, writer, frames, afterGc, (i + 1) % LIVE_EVERY_SECONDS == 0));
          if (sending.isDone() && drainDeadline == Long.MAX_VALUE) {
            drainDeadline = System.nanoTime() + 30_000_000_000L;
          }
          if (sending.isDone() && (frames.get() >= sending.join().sent() && writer.stats().pendingEvents() == 0
              || System.nanoTime() > drainDeadline)) {
            break;
          }
        }
        sent = sending.join().sent();
      } finally {
        writer.close();
      }
      stats = writer.stats();
    }
    return HeapReport.write(new HeapReport.Run(seconds, rate, frameBytes, ring.maxEvents(), ring.maxBytes(),
        settings.maxQueuedBytes(), Runtime.getRuntime().maxMemory(), ManagementFactory.getRuntimeMXBean().getInputArguments(),
        loadAtStart, sent, frames.get(), stats, samples), FLAT_SLACK, Path.of("bench", "results"),
        "heap-" + LocalDate.now() + (ring.maxBytes() == RingBuffer.DEFAULT_MAX_BYTES ? "" : "-ring-" + ring.maxBytes())
            + ".md");
  }

  private static void countFrame(CaptureEvent e, AtomicLong frames) {
    if (e instanceof WsFrameEvent f && f.direction() == WsFrameEvent.Direction.RECEIVED) {
      frames.incrementAndGet();
    }
  }

  /** With {@code measureLive}, also runs a full collection and reads what is left: the live data. */
  private static Sample sample(long start, RingBuffer ring, StoreWriter writer, AtomicLong frames, HeapAfterGc afterGc,
      boolean measureLive) {
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long live = afterGc.takeHighest();
    long liveAfterFull = -1;
    if (measureLive) {
      System.gc();
      liveAfterFull = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      afterGc.takeHighest(); // the full collection's figure is reported on its own
    }
    long gcs = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs += Math.max(0, gc.getCollectionCount());
    }
    WriterStats w = writer.stats();
    return new Sample((System.nanoTime() - start) / 1e9, heap.getUsed(), live, heap.getCommitted(), ring.heldBytes(),
        ring.size(), w.queuedBytes(), frames.get(), w.written(), Proc.statusBytes("self", "VmRSS"), gcs,
        Proc.loadAverage(), liveAfterFull);
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / (double) MIB);
  }
}
