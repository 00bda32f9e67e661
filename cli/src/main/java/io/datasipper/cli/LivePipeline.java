package io.datasipper.cli;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.store.EventStore;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The pipeline beside a capture: delivers while capturing, and at the end delivers what is left
 * (bounded by a timeout: what a failing output has not taken stays pending for the next run).
 */
final class LivePipeline implements AutoCloseable {
  private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);

  private final PipelineSpec spec;
  private final Pipeline pipeline;
  private final PrintWriter out;

  private LivePipeline(PipelineSpec spec, Pipeline pipeline, PrintWriter out) {
    this.spec = spec;
    this.pipeline = pipeline;
    this.out = out;
  }

  /** Starts the pipeline if the config has streams. */
  static LivePipeline start(PipelineSpec spec, EventStore store, PrintWriter out) {
    if (spec.isEmpty()) {
      return new LivePipeline(spec, null, out);
    }
    try {
      return new LivePipeline(spec, Pipeline.start(spec, store, new Outputs(), Transforms.compiler()), out);
    } catch (OutputConfigException e) {
      throw UserError.usage("output config: " + e.getMessage());
    }
  }

  /** Delivers everything stored, then prints what each stream and output did. */
  void finish() {
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
    PipelineReport.print(out, spec, pipeline.stats());
    if (!drained) {
      out.println("not everything was delivered within " + FINISH_TIMEOUT.toSeconds()
          + " s; the rest stays pending and is delivered by the next run");
    }
    out.flush();
  }

  @Override
  public void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }
}
