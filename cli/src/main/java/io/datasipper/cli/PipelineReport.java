package io.datasipper.cli;

import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.pipeline.StreamSpec;
import java.io.PrintWriter;

/** Prints what each stream and output of a pipeline run did. */
final class PipelineReport {
  private PipelineReport() {}

  static void print(PrintWriter out, PipelineSpec spec, PipelineStats stats) {
    out.println("streams:");
    for (StreamSpec s : spec.streams()) {
      PipelineStats.StreamCounters c = stats.stream(s.name());
      out.printf("  %-20s matched %,d  transformed %,d  dropped %,d  failed %,d  -> %s%n", s.name(), c.matched(),
          c.transformed(), c.dropped(), c.failed(), String.join(", ", s.outputs()));
    }
    out.println("outputs:");
    for (OutputSpec o : spec.outputs()) {
      PipelineStats.OutputCounters c = stats.output(o.name());
      out.printf("  %-20s %-8s delivered %,d  dead-lettered %,d  retries %,d%s%n", o.name(), c.health(),
          c.delivered(), c.deadLettered(), c.retries(), c.lastError() == null ? "" : "  last error: " + c.lastError());
    }
  }
}
