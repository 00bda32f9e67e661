package io.datasipper.pipeline;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.transform.EventTransform;
import io.datasipper.route.Router;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams and outputs at work on a data directory's store. The store is the source of truth: the
 * stage reads what the capture stored, and each output keeps a durable cursor, so every event of a
 * stream reaches every output bound to it at least once and in order, across crashes and restarts.
 *
 * <p>Live: {@link #start}, then {@link #drain} (deliver everything stored, then stop) or
 * {@link #close} (stop now; the rest stays pending for the next run). Backfill: {@link #replay}.
 */
public final class Pipeline implements AutoCloseable {
  /**
   * Selects every stored event. Pass this one rather than a predicate of your own that accepts all:
   * it lets the pipeline skip reading events whose streams follow from their type.
   */
  public static final Predicate<CaptureEvent> ALL_EVENTS = event -> true;
  /** The stream whose dead letters and counters hold the stored events that cannot be read back. */
  public static final String UNREADABLE = Router.UNREADABLE;
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** Guards {@link #stages}, {@link #stageThreads} and {@link #closing}: catch-up stages join them while others run. */
  private final Object stagesLock = new Object();
  private final List<Stage> stages = new ArrayList<>();
  private final List<Thread> stageThreads = new ArrayList<>();
  /** The transforms compiled for the running catch-up stages, closed with the pipeline or their stage. */
  private final List<EventTransform> catchUpTransforms = new ArrayList<>();
  private boolean closing;
  /** The seq a drain asked for, that a catch-up stage started later drains to as well. */
  private long drainTo = Long.MAX_VALUE;
  private final Predicate<CaptureEvent> selected;
  private final TransformCompiler compiler;
  /** The streams whose stage an error ended, by name, with the error. */
  private final Map<String, String> stoppedStreams = new ConcurrentSkipListMap<>();
  private final Map<String, OutputWorker> workers;
  private final Map<String, EventTransform> transforms;
  private final PipelineStats stats;
  private final DeliveryLedger ledger;
  private final EventStore store;
  private boolean closed;
  /** Whether the last attempt to save the statistics failed. Saved on one thread at a time. */
  private volatile boolean statsFailing;
  private final ScheduledExecutorService statsSaver =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("datasipper-stats").daemon().factory());

  /**
   * @param compiler compiles the transforms of catch-up stages; null when there are no transforms
   * @param catchUp whether an output that falls behind may be left to a catch-up stage (see {@link Stage})
   */
  private Pipeline(PipelineSpec spec, EventStore store, Map<String, OutputWorker> workers,
      Map<String, EventTransform> transforms, PipelineStats stats, long from, String onlyStream,
      Predicate<CaptureEvent> selected, TransformCompiler compiler, boolean catchUp) {
    this.store = store;
    this.ledger = new DeliveryLedger(store);
    this.workers = workers;
    this.transforms = transforms;
    this.stats = stats;
    this.selected = selected;
    this.compiler = compiler;
    Stage.Detacher detacher = catchUp ? this::startCatchUp : null;
    // Every stream the run has gets its figures, one that matches nothing too: they replace the last run's.
    spec.streams().stream().map(StreamSpec::name).filter(name -> onlyStream == null || onlyStream.equals(name))
        .forEach(stats::stream);
    // One stage for the streams without a transform, and one per stream with a transform (see Stage).
    Router router = new Router(spec.streams().stream().map(StreamSpec::rule).toList());
    List<StreamSpec> ownStage = spec.streams().stream()
        .filter(s -> transforms.containsKey(s.name()) && (onlyStream == null || onlyStream.equals(s.name()))).toList();
    Set<String> ownStageNames = new HashSet<>(ownStage.stream().map(StreamSpec::name).toList());
    List<String> threadNames = new ArrayList<>(List.of("datasipper-stage"));
    workers.values().forEach(w -> w.feedFrom(0));
    stages.add(new Stage(0, store, ledger, router, spec.streams(), name -> !ownStageNames.contains(name), transforms,
        workers, stats, from, onlyStream, detacher));
    for (StreamSpec s : ownStage) {
      Map<String, OutputWorker> fed = new LinkedHashMap<>();
      s.outputs().forEach(o -> fed.put(o, workers.get(o)));
      long after = Math.max(from, fed.values().stream().mapToLong(OutputWorker::startCursor).min().orElse(from));
      int id = stages.size();
      fed.values().forEach(w -> w.feedFrom(id));
      stages.add(new Stage(id, store, ledger, router, List.of(s), s.name()::equals, transforms, fed, stats, after,
          onlyStream, detacher));
      threadNames.add("datasipper-stage-" + s.name());
    }
    workers.values().forEach(OutputWorker::start);
    synchronized (stagesLock) { // a stage may start a catch-up stage as soon as it runs
      for (int i = 0; i < stages.size(); i++) {
        stageThreads.add(startStage(stages.get(i), threadNames.get(i), () -> { }));
      }
    }
    statsSaver.scheduleWithFixedDelay(this::saveStats, 1, 1, TimeUnit.SECONDS);
  }

  /** @param ended run on the stage's thread once it ends, however it ends */
  private Thread startStage(Stage stage, String threadName, Runnable ended) {
    return Thread.ofPlatform().name(threadName).daemon().start(() -> {
      try {
        stage.run(selected);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException | Error e) {
        // An error the stage does not handle (a plugin's transform missing a class, say): its
        // streams stop, saying why, and the other stages and the outputs go on.
        LOG.error("streams {} stopped on an error; what they did not deliver stays pending", stage.ownStreams(), e);
        for (String name : stage.ownStreams()) {
          stats.stream(name).lastError.set("stopped on an error: " + e);
          stoppedStreams.put(name, e.toString());
        }
      } finally {
        ended.run();
      }
    });
  }

  /** Starts a stage of its own for an output that fell behind {@code parent} (see {@link Stage#catchUpFor}). */
  private boolean startCatchUp(Stage parent, OutputWorker worker, long from, Duration hold) {
    Map<String, EventTransform> own;
    try {
      own = compile(parent.streamsTo(worker.name()), compiler);
    } catch (RuntimeException e) {
      // Compiled before, so not expected; the parent then goes on waiting for the output.
      LOG.warn("output {} fell behind, and its transforms could not be compiled again to read on its own: {}",
          worker.name(), e.toString());
      return false;
    }
    Stage stage = parent.catchUpFor(worker, own, from, hold);
    synchronized (stagesLock) {
      if (closing) {
        own.values().forEach(EventTransform::close);
        return false;
      }
      if (drainTo != Long.MAX_VALUE) {
        stage.drainTo(drainTo);
      }
      stages.add(stage);
      catchUpTransforms.addAll(own.values());
      stats.output(worker.name()).catchUpStage.set(stage);
      stageThreads.add(startStage(stage, "datasipper-catch-up-" + worker.name(),
          () -> retire(stage, worker.name(), own.values())));
    }
    return true;
  }

  /**
   * Forgets a catch-up stage that gave its output back, and closes its transforms: an output that
   * falls behind again gets a new one. One that ended otherwise is left to {@link #close}. Either
   * way its output no longer reads on its own.
   */
  private void retire(Stage stage, String output, Collection<EventTransform> own) {
    stats.output(output).catchUpStage.compareAndSet(stage, null);
    if (!stage.rejoined()) {
      return;
    }
    synchronized (stagesLock) {
      if (closing) {
        return; // close() closes them
      }
      stages.remove(stage);
      stageThreads.remove(Thread.currentThread());
      catchUpTransforms.removeAll(own);
    }
    own.forEach(EventTransform::close);
  }

  /** Starts delivering live: each output resumes from its cursor (or starts as its spec says). */
  public static Pipeline start(PipelineSpec spec, EventStore store, Outputs outputs, TransformCompiler compiler)
      throws OutputConfigException {
    return start(spec, store, outputs, compiler, new PipelineStats());
  }

  /**
   * As {@link #start(PipelineSpec, EventStore, Outputs, TransformCompiler)}, counting into
   * {@code stats}: a pipeline that replaces another goes on with its counters, so that they cover
   * the whole run rather than the time since the last replacement.
   */
  public static Pipeline start(PipelineSpec spec, EventStore store, Outputs outputs, TransformCompiler compiler,
      PipelineStats stats) throws OutputConfigException {
    DeliveryLedger ledger = new DeliveryLedger(store);
    long latest = store.maxSeq();
    Map<String, OutputWorker> workers = new LinkedHashMap<>();
    long from = Long.MAX_VALUE;
    for (OutputSpec o : spec.outputs()) {
      OptionalLong saved = ledger.cursor(o.name());
      long cursor = saved.orElse(o.startFromEarliest() ? 0 : latest);
      if (saved.isEmpty()) {
        ledger.saveCursor(o.name(), cursor); // a new output's starting point is fixed at its first run
      }
      workers.put(o.name(), worker(o, outputs, ledger, cursor, true, stats));
      from = Math.min(from, cursor);
    }
    return new Pipeline(spec, store, workers, compile(spec.streams(), compiler), stats,
        from == Long.MAX_VALUE ? latest : from, null, ALL_EVENTS, compiler, true);
  }

  /**
   * Pushes the stored events that {@code selected} accepts through the streams again and delivers
   * them to the outputs of {@code stream} (all streams when null), without touching the outputs'
   * cursors. Returns once everything is delivered or {@code timeout} passed.
   */
  public static PipelineStats replay(PipelineSpec spec, EventStore store, Outputs outputs, TransformCompiler compiler,
      String stream, Predicate<CaptureEvent> selected, Duration timeout)
      throws OutputConfigException, InterruptedException {
    DeliveryLedger ledger = new DeliveryLedger(store);
    PipelineStats stats = new PipelineStats();
    Map<String, OutputWorker> workers = new LinkedHashMap<>();
    for (OutputSpec o : spec.outputs()) {
      boolean bound = spec.streams().stream()
          .anyMatch(s -> (stream == null || s.name().equals(stream)) && s.outputs().contains(o.name()));
      if (bound) {
        workers.put(o.name(), worker(o, outputs, ledger, 0, false, stats));
      }
    }
    try (Pipeline p = new Pipeline(spec, store, workers, compile(spec.streams(), compiler), stats, 0, stream, selected,
        compiler, false)) {
      p.drain(timeout);
    }
    return stats;
  }

  private static OutputWorker worker(OutputSpec o, Outputs outputs, DeliveryLedger ledger, long cursor, boolean save,
      PipelineStats stats) throws OutputConfigException {
    Output output = outputs.create(o);
    return new OutputWorker(o.name(), output, ledger, cursor, save, outputs.limits(o),
        stats.output(o.name()));
  }

  /** The transforms of these streams, by stream; those compiled are closed if one fails to compile. */
  private static Map<String, EventTransform> compile(List<StreamSpec> streams, TransformCompiler compiler) {
    Map<String, EventTransform> out = new LinkedHashMap<>();
    try {
      for (StreamSpec s : streams) {
        if (s.transformSource() != null) {
          out.put(s.name(), compiler.compile(s.name(), s.transformSource()));
        }
      }
    } catch (RuntimeException e) {
      out.values().forEach(EventTransform::close);
      throw e;
    }
    return out;
  }

  public PipelineStats stats() {
    return stats;
  }

  /**
   * Delivers everything stored now, then stops. Returns false if that took longer than the timeout
   * (an output is failing, say) or an output or stream stopped on an error ({@link #stoppedByErrors}):
   * what is left stays pending for the next run.
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = store.maxSeq();
    synchronized (stagesLock) {
      drainTo = last;
      stages.forEach(s -> s.drainTo(last));
    }
    boolean done = joinAll(deadline);
    close();
    return done && stoppedByErrors().isEmpty();
  }

  private boolean joinAll(long deadlineNanos) throws InterruptedException {
    List<Thread> threads;
    synchronized (stagesLock) {
      threads = List.copyOf(stageThreads);
    }
    // A catch-up stage started after this copy feeds one worker, which ends only after it: joined below.
    for (Thread stageThread : threads) {
      stageThread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
      if (stageThread.isAlive()) {
        return false;
      }
    }
    for (OutputWorker w : workers.values()) {
      if (!w.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000))) {
        return false;
      }
    }
    return true;
  }

  /**
   * What an error stopped, a line each ({@code output X stopped on an error: ...}, then {@code stream
   * Y ...}), by name: what they did not deliver stays pending.
   */
  public List<String> stoppedByErrors() {
    List<String> lines = new ArrayList<>();
    workers.values().stream().filter(w -> w.stoppedBy() != null).sorted(Comparator.comparing(OutputWorker::name))
        .forEach(w -> lines.add("output " + w.name() + " stopped on an error: " + w.stoppedBy()));
    stoppedStreams.forEach((name, error) -> lines.add("stream " + name + " stopped on an error: " + error));
    return lines;
  }

  /**
   * Waits, after {@link #close}, until the stage and every output have ended: {@code close} gives
   * up waiting after 10 s, and a write to a destination that is down can take longer.
   *
   * @return false if something still runs after {@code timeout}
   */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return joinAll(System.nanoTime() + timeout.toNanos());
  }

  /** Stops now: the write in progress finishes, the rest stays pending in the store. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (stagesLock) {
      closing = true;
      stages.forEach(Stage::stop);
    }
    workers.values().forEach(OutputWorker::stop);
    try {
      joinAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    statsSaver.shutdownNow();
    saveStats();
    transforms.values().forEach(EventTransform::close);
    synchronized (stagesLock) {
      catchUpTransforms.forEach(EventTransform::close);
    }
  }

  private void saveStats() {
    try {
      ledger.saveStats(stats.snapshot(store.maxSeq()));
      statsFailing = false;
    } catch (RuntimeException e) {
      if (!statsFailing) { // once, not every second while the disk stays full
        LOG.warn("cannot save pipeline statistics: {}", e.toString());
      }
      statsFailing = true;
    }
  }
}
