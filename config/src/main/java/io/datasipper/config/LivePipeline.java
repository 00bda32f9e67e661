package io.datasipper.config;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline beside a capture or a followed delivery: delivers while running, is replaced when
 * the config changes, and at the end delivers what is left (bounded by a timeout: what a failing
 * output has not taken stays pending for the next run).
 */
public final class LivePipeline implements AutoCloseable {
  /** Prints what each stream and output did: the command's words for the stats. */
  @FunctionalInterface
  public interface Report {
    void print(PrintWriter out, PipelineSpec spec, PipelineStats stats);
  }

  private static final Logger LOG = LoggerFactory.getLogger(LivePipeline.class);
  private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_WARNING_AFTER = Duration.ofSeconds(30);

  private final EventStore store;
  /** Takes the data directory's pipeline lock, or throws saying who holds it. */
  private final Supplier<DataDirLock> pipelineLock;
  private final PrintWriter out;
  private final Report report;
  /** Taken with the first spec that has streams and held to the end, across replacements. */
  private DataDirLock lock;
  /** Shared by every pipeline run here, so that the report covers the whole run across replacements. */
  private final PipelineStats stats = new PipelineStats();
  private PipelineSpec spec;
  /** Null while the spec has no streams. */
  private Pipeline pipeline;

  private LivePipeline(PipelineSpec spec, EventStore store, Supplier<DataDirLock> pipelineLock, PrintWriter out,
      Report report) {
    this.spec = spec;
    this.store = store;
    this.pipelineLock = pipelineLock;
    this.out = out;
    this.report = report;
  }

  /**
   * Starts the pipeline if the config has streams, taking the data directory's pipeline lock with
   * {@code pipelineLock} (which throws if another process delivers from it) before the first one.
   */
  public static LivePipeline start(PipelineSpec spec, EventStore store, Supplier<DataDirLock> pipelineLock,
      PrintWriter out, Report report) {
    LivePipeline live = new LivePipeline(spec, store, pipelineLock, out, report);
    live.pipeline = live.run(spec);
    return live;
  }

  /**
   * Stops the running pipeline and starts one for {@code next}. Nothing is lost: the outputs kept
   * resume from their durable cursors, and a new output starts as its spec says. If {@code next}
   * does not start, the previous spec runs again and the error is thrown.
   */
  public synchronized void replace(PipelineSpec next) {
    stopAndAwaitWrites();
    try {
      pipeline = run(next);
    } catch (RuntimeException e) {
      pipeline = run(spec);
      throw e;
    }
    spec = next;
  }

  /** The streams and outputs running (or, when none start, configured). */
  public synchronized PipelineSpec spec() {
    return spec;
  }

  private Pipeline run(PipelineSpec s) {
    if (s.isEmpty()) {
      return null;
    }
    if (lock == null) {
      lock = pipelineLock.get();
    }
    try {
      return Pipeline.start(s, store, new Outputs(), Transforms.compiler(), stats);
    } catch (OutputConfigException e) {
      throw new ConfigException("output config: " + e.getMessage());
    }
  }

  /** The counters of every pipeline run here, across replacements. */
  public PipelineStats stats() {
    return stats;
  }

  /** The outputs of the running spec, by name. */
  public synchronized List<String> outputNames() {
    return spec.outputs().stream().map(o -> o.name()).toList();
  }

  /**
   * Whether the output of that name runs and delivers (or is starting to): the retention sweep
   * keeps the events it has not taken. An output that fails, or is no longer configured, is not.
   */
  public boolean delivering(String output) {
    if (!outputNames().contains(output)) {
      return false;
    }
    PipelineStats.OutputCounters counters = stats.outputs().get(output);
    return counters != null && List.of("starting", "ok").contains(counters.health());
  }

  /** Delivers everything stored, then prints what each stream and output did. */
  public synchronized void finish() {
    if (pipeline == null) {
      return;
    }
    boolean drained;
    try {
      drained = pipeline.drain(FINISH_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    report();
    List<String> stopped = pipeline.stoppedByErrors();
    stopped.forEach(line -> out.println(line + "; what it did not deliver stays pending and is delivered by the next run"));
    if (!drained && stopped.isEmpty()) {
      out.println("not everything was delivered within " + FINISH_TIMEOUT.toSeconds()
          + " s; the rest stays pending and is delivered by the next run");
    }
    out.flush();
  }

  /** Prints what each stream and output of the present spec did. */
  public synchronized void report() {
    report.print(out, spec, stats);
    out.flush();
  }

  /**
   * Stops the running pipeline and waits for its last writes, however long they take: two workers
   * writing to one output at once would break the order of its records.
   */
  private void stopAndAwaitWrites() {
    Pipeline stopping = pipeline;
    stop();
    if (stopping == null) {
      return;
    }
    try {
      while (!stopping.awaitStopped(STOP_WARNING_AFTER)) {
        LOG.warn("an output of the replaced pipeline is still writing; the new pipeline waits for it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the process is ending: nothing is left to keep in order
    }
  }

  /** Stops now: the write in progress finishes, the rest stays pending in the store. */
  @Override
  public synchronized void close() {
    stop();
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }

  private void stop() {
    if (pipeline != null) {
      pipeline.close();
      pipeline = null;
    }
  }
}
