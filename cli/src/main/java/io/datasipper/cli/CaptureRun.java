package io.datasipper.cli;

import io.datasipper.api.event.EventStamps;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureException;
import io.datasipper.capture.CaptureRules;
import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.config.StoreConfig;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerSources;
import io.datasipper.server.metrics.CapturedCounter;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import io.datasipper.store.RetentionSweep;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreException;
import io.datasipper.store.StoreWriter;
import io.datasipper.store.WriterStats;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * One capture from start to a flushed store: opens the data directory, starts the capture, waits
 * for the duration, Ctrl-C / SIGTERM, or the browser's end, then flushes and prints the summary.
 */
final class CaptureRun {
  /** The longest the local server waits for a first stored event before it starts anyway. */
  private static final Duration SERVER_AFTER = Duration.ofSeconds(2);
  /** How often the store is brought within its retention limits while capturing. */
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(10);
  /** Starts a capture into the sink; the run closes it. */
  @FunctionalInterface
  interface Starter {
    Capture start(CaptureRules rules, EventStamps stamps, io.datasipper.api.event.EventSink sink)
        throws CaptureException;
  }

  private final Path dataDir;
  private final String command;
  private final ConfigSource source;
  private final String node;
  private final UiOptions ui;
  private final PrintWriter out;
  private final PrintWriter err;
  private SidePanelExtension panel;

  /**
   * @param command the command that captures, named in the lock of the pipeline it runs
   * @param node the node name every event is placed on
   */
  CaptureRun(Path dataDir, String command, ConfigSource source, String node, UiOptions ui, PrintWriter out,
      PrintWriter err) {
    this.dataDir = dataDir;
    this.command = command;
    this.source = source;
    this.node = node;
    this.ui = ui;
    this.out = out;
    this.err = err;
  }

  /** Pairs the side panel of the captured browser with the server once it is up; null: no panel. */
  CaptureRun pairing(SidePanelExtension extension) {
    this.panel = extension;
    return this;
  }

  /** Runs the capture for at most {@code limit} (null: until stopped); returns the exit code. */
  int run(Starter starter, Duration limit) {
    try (StopSignal stop = StopSignal.install()) {
      return capture(starter, limit, stop);
    }
  }

  private int capture(Starter starter, Duration limit, StopSignal stop) {
    CapturedCounter captured = new CapturedCounter();
    CaptureSummary summary = new CaptureSummary(captured);
    String failure = null;
    WriterStats stats;
    long started = System.nanoTime();
    try (EventStore store = openStore();
        LivePipeline pipeline = LivePipeline.start(source.config().pipeline(), store,
            () -> DataDirOption.lock(dataDir, DataDirLock.Kind.PIPELINE, command), out, PipelineReport::print)) {
      EventStamps stamps = new EventStamps(store.nextSeq(), node);
      StoreConfig memory = source.config().store();
      RingBuffer ring = memory.newRingBuffer();
      StoreWriter writer = new StoreWriter(store, ring, stamps, memory.writerSettings());
      RetentionSweep sweep = new RetentionSweep(store, memory.retention(), pipeline::delivering, writer, Clock.systemUTC())
          .start(SWEEP_EVERY);
      ConfigSource.Following following = source.follow(pipeline, true, out, err);
      LocalServer server = null;
      try (Capture capture = starter.start(source.config().capture(), stamps, captured.counting(summary.counting(writer)))) {
        awaitFirstStored(writer, capture, stop);
        server = UiServer.start(ui, new ServerSources(dataDir, store, source, following, pipeline, new ServerSources.Capturing(
            captured, ring, writer::stats, memory.writerSettings().maxQueuedBytes(),
            () -> !capture.ended().isDone(), capture::tabCount)), out);
        if (server != null && panel != null) {
          pairPanel(server);
        }
        capture.ended().thenRun(stop::stop);
        stop.await(limit);
        if (capture.ended().isDone()) {
          failure = "capture stopped: " + capture.ended().join();
        }
      } catch (CaptureException e) {
        failure = e.getMessage();
      } finally {
        if (server != null) {
          server.close();
          if (panel != null) {
            panel.unpair();
          }
        }
        following.stop(); // a reload must not start a pipeline after the last delivery below
        sweep.close(); // before the writer: it may pause or resume it
        writer.close(); // after the capture has handed over its last events
      }
      stats = writer.stats();
      pipeline.finish();
    }
    summary.print(out, dataDir, stats, Duration.ofNanos(System.nanoTime() - started));
    if (stats.pendingEvents() > 0) {
      // The store's own error names the file and says why (a full disk, say).
      failure = (failure == null ? "" : failure + "; ") + stats.pendingEvents() + " events could not be written: "
          + (stats.storeFailure() != null ? stats.storeFailure() : "to " + dataDir.resolve(EventStore.FILE_NAME));
    }
    if (failure != null) {
      err.println("datasipper: " + failure);
      err.flush();
      return Main.FAILURE;
    }
    return Main.OK;
  }

  /**
   * Waits until the first event is stored, or {@link #SERVER_AFTER} has passed, or the run ends: the
   * local server starts after that. Starting it takes the CPU that the starting browser and its first
   * page need, and measured beside them it delayed the first captured event by half a second.
   */
  private static void awaitFirstStored(StoreWriter writer, Capture capture, StopSignal stop) {
    long deadline = System.nanoTime() + SERVER_AFTER.toNanos();
    while (writer.stats().written() == 0 && !stop.stopping() && !capture.ended().isDone()
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The capture goes on without a paired panel: the panel then asks for the dashboard URL. */
  private void pairPanel(LocalServer server) {
    try {
      panel.pair(server.address(), server.token());
    } catch (UncheckedIOException e) {
      err.println("datasipper: warning: " + e.getMessage() + " (" + e.getCause().getMessage()
          + "); paste the dashboard URL into the side panel instead");
      err.flush();
    }
  }

  private EventStore openStore() {
    try {
      return EventStore.open(dataDir, StoreKeys.resolve(source.config().store().key()));
    } catch (StoreException e) {
      throw UserError.usage(e.getMessage());
    }
  }

}
