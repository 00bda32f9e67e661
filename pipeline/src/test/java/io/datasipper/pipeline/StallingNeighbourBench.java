package io.datasipper.pipeline;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What an output that stalls now and then costs the other output of its stream, against the same
 * stream with that output left out, in the same run. In A the frames go to a file output alone; in B
 * also to a destination that writes {@code limit} records a second and, every {@code every} ms, stalls
 * for {@code stall} ms, as a broker electing a leader or a database checkpointing does. A stall over
 * {@link Stage#PATIENCE} makes the stream wait that long, then leave the output to read the store on
 * its own until it has caught up; one that stalls again soon after is held on its own longer each
 * time (see {@link RejoinHold}). Measured: the file output's capture → acknowledged latency, how often
 * and how long the stalling output read on its own, and that both outputs got every frame once, in order.
 *
 * <pre>
 * java -cp pipeline/target/test-classes:pipeline/target/classes:... io.datasipper.pipeline.StallingNeighbourBench \
 *   [seconds, default 60] [frames a second, default 1600] [limit, default 3000] [stall ms, default 3000]
 *   [every ms, default 8000] [rounds, default 2]
 * </pre>
 */
public final class StallingNeighbourBench {
  private static final String STREAM = "frames";
  private static final String FILE = "file";
  private static final String STALLING = "stalling";
  /** The capture stores what arrived every few tens of milliseconds; so does the feed here. */
  private static final Duration STORE_EVERY = Duration.ofMillis(50);
  private static final Duration WARM_UP = Duration.ofSeconds(10);
  private static final Duration DRAIN = Duration.ofSeconds(120);
  private static final String PAYLOAD = "{\"price\":101.25,\"size\":3,\"side\":\"buy\",\"symbol\":\"ACME\"}";

  private StallingNeighbourBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 1_600;
    Stalling stalling = new Stalling(args.length > 2 ? Integer.parseInt(args[2]) : 3_000,
        args.length > 3 ? Integer.parseInt(args[3]) : 3_000, args.length > 4 ? Integer.parseInt(args[4]) : 8_000);
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 2;
    System.out.printf("%,d frames a second for %d s into a stream; in B beside its file output a destination writing"
        + " %,d records a second that stalls %,d ms every %,d ms. Rounds alternate which run goes first; a warm-up run"
        + " of %d s (B) is not judged.%n", perSecond, seconds, stalling.limit(), stalling.stallMs(), stalling.everyMs(),
        WARM_UP.toSeconds());
    System.out.println();
    System.out.println("| Run | What | Frames | File output: p50 ms | p90 ms | p99 ms | max ms | over 500 ms |"
        + " Stalling output: read on its own, times | for s | Every frame once |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    run("W", perSecond, stalling, (int) WARM_UP.toSeconds(), true);
    List<Result> alone = new ArrayList<>();
    List<Result> beside = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      boolean besideFirst = round % 2 == 0;
      for (boolean withStalling : besideFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
        Result r = run((withStalling ? "B" : "A") + round, perSecond, stalling, seconds, withStalling);
        (withStalling ? beside : alone).add(r);
      }
    }
    System.out.println();
    double a = median(alone.stream().mapToDouble(Result::p99Ms).toArray());
    double b = median(beside.stream().mapToDouble(Result::p99Ms).toArray());
    double longestAlone = alone.stream().mapToDouble(Result::maxMs).max().orElseThrow();
    double longestBeside = beside.stream().mapToDouble(Result::maxMs).max().orElseThrow();
    double bound = Stage.PATIENCE.toMillis() + longestAlone;
    System.out.printf("The file output's p99, beside the stalling output (B) / alone (A), medians over the rounds: %.1f /"
        + " %.1f ms. Its longest wait beside it: %.0f ms, against the stream's patience with an output (%d ms) plus its"
        + " longest alone (%.0f ms): %s.%n", b, a, longestBeside, Stage.PATIENCE.toMillis(), longestAlone,
        longestBeside <= bound ? "**within**" : "**NOT within**");
    System.out.printf("The stalling output stalled about %d times a run and fell behind its stream %s times (B, by round).%n",
        seconds * 1000L / stalling.everyMs(), beside.stream().map(r -> String.valueOf(r.onItsOwn())).toList());
    System.out.printf("(load average %.2f at the end, %d cores)%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
  }

  private record Stalling(int limit, int stallMs, int everyMs) {}

  private record Result(double p99Ms, double maxMs, int onItsOwn) {}

  private static Result run(String run, int perSecond, Stalling stalling, int seconds, boolean withStalling)
      throws Exception {
    Path dir = Files.createTempDirectory("datasipper-stalling-bench-");
    Path file = dir.resolve("out/frames.jsonl");
    FlakyOutputFactory.DELIVERED.remove(STALLING);
    List<OutputSpec> outputs = new ArrayList<>(List.of(Fixtures.file(FILE, file)));
    List<String> streamOutputs = new ArrayList<>(List.of(FILE));
    if (withStalling) {
      outputs.add(new OutputSpec(STALLING, "flaky", true, Map.of("records_per_second", stalling.limit(),
          "stall_ms", stalling.stallMs(), "stall_every_ms", stalling.everyMs())));
      streamOutputs.add(STALLING);
    }
    PipelineSpec spec = new PipelineSpec(
        List.of(Fixtures.stream(STREAM, "ws_frame", null, streamOutputs.toArray(String[]::new))), outputs);
    long frames = (long) perSecond * seconds;
    try (EventStore store = EventStore.open(dir.resolve("data"));
        Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null)) {
      OnItsOwn onItsOwn = withStalling ? OnItsOwn.watch(pipeline.stats().output(STALLING)) : null;
      store(store, frames, perSecond);
      if (!pipeline.drain(DRAIN)) {
        throw new IllegalStateException(run + ": the outputs did not deliver every frame within " + DRAIN.toSeconds() + " s");
      }
      OnItsOwn.Tally tally = onItsOwn == null ? null : onItsOwn.stop();
      LatencyHistogram.Snapshot latency = pipeline.stats().output(FILE).latency().snapshot();
      boolean everyFrameOnce = onceInOrder(PipelineDeliveryTest.seqs(Fixtures.lines(file)), frames)
          && (!withStalling || onceInOrder(FlakyOutputFactory.DELIVERED.get(STALLING).stream().map(OutputRecord::sourceSeq)
              .toList(), frames));
      double p99 = latency.percentile(0.99) * 1e3;
      System.out.printf("| %s | %s | %,d | %.1f | %.1f | %.1f | %.0f | %,d | %s | %s | %s |%n", run,
          withStalling ? (run.equals("W") ? "warm-up, beside the stalling output (not judged)" : "beside the stalling output")
              : "file output alone",
          frames, latency.percentile(0.5) * 1e3, latency.percentile(0.9) * 1e3, p99, latency.maxSeconds() * 1e3,
          latency.count() - latency.countAtMost(0.5), tally == null ? "" : String.valueOf(tally.times()),
          tally == null ? "" : String.format("%.1f", tally.seconds()), everyFrameOnce ? "yes" : "**no**");
      if (!everyFrameOnce) {
        throw new IllegalStateException(run + ": an output missed or repeated a frame");
      }
      return new Result(p99, latency.maxSeconds() * 1e3, tally == null ? 0 : tally.times());
    } finally {
      deleteTree(dir);
    }
  }

  /** Stores {@code frames} at {@code perSecond}, a part every {@link #STORE_EVERY}, each made now as the capture makes it. */
  private static void store(EventStore store, long frames, int perSecond) throws InterruptedException {
    long perPart = Math.max(1, perSecond * STORE_EVERY.toMillis() / 1000);
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(frames / perSecond * 2 + 30).toNanos();
    for (long seq = 1, part = 0; seq <= frames; part++) {
      List<CaptureEvent> batch = new ArrayList<>();
      for (long end = Math.min(frames, seq + perPart - 1); seq <= end; seq++) {
        batch.add(frame(seq));
      }
      store.insert(batch);
      long due = start + (part + 1) * STORE_EVERY.toNanos();
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } else if (System.nanoTime() > deadline) {
        throw new IllegalStateException("storing " + frames + " frames took over twice their time");
      }
    }
  }

  private static WsFrameEvent frame(long seq) {
    return new WsFrameEvent(EventStamps.newId(), seq, Instant.now(), "conn-1", "ws://127.0.0.1/prices",
        WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text(PAYLOAD, PAYLOAD.length(), false),
        PAYLOAD.length(), SampleEvents.TAB);
  }

  /** Whether {@code seqs} are 1 to {@code frames}, each once, in order. */
  private static boolean onceInOrder(List<Long> seqs, long frames) {
    if (seqs.size() != frames) {
      return false;
    }
    for (int i = 0; i < seqs.size(); i++) {
      if (seqs.get(i) != i + 1) {
        return false;
      }
    }
    return true;
  }

  /** Counts the spells an output reads the store on its own, from its figures, polled. */
  private static final class OnItsOwn {
    record Tally(int times, double seconds) {}

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Tally> tally = new AtomicReference<>();
    private final Thread poller;

    private OnItsOwn(PipelineStats.OutputCounters output) {
      poller = Thread.ofPlatform().name("on-its-own-poller").daemon().start(() -> {
        int times = 0;
        long onItsOwnNanos = 0;
        long since = 0;
        boolean was = false;
        while (running.get()) {
          boolean is = output.catchingUp();
          long now = System.nanoTime();
          if (is && !was) {
            times++;
            since = now;
          } else if (!is && was) {
            onItsOwnNanos += now - since;
          }
          was = is;
          java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        if (was) {
          onItsOwnNanos += System.nanoTime() - since;
        }
        tally.set(new Tally(times, onItsOwnNanos / 1e9));
      });
    }

    static OnItsOwn watch(PipelineStats.OutputCounters output) {
      return new OnItsOwn(output);
    }

    Tally stop() throws InterruptedException {
      running.set(false);
      poller.join();
      return tally.get();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
