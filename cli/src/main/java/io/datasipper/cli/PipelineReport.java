package io.datasipper.cli;

import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.Pipeline;
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
      out.printf("  %-20s matched %,d  transformed %,d%s  dropped %,d  failed %,d  -> %s%s%n", s.name(), c.matched(),
          c.transformed(), records(c), c.dropped(), c.failed(), String.join(", ", s.outputs()),
          lastError(c.lastError()));
    }
    if (stats.unreadable() > 0) {
      out.printf("  %-20s %,d stored event%s could not be read, see the dead letters; last: %s%n", Pipeline.UNREADABLE,
          stats.unreadable(), stats.unreadable() == 1 ? "" : "s", stats.lastUnreadable());
    }
    out.println("outputs:");
    for (OutputSpec o : spec.outputs()) {
      PipelineStats.OutputCounters c = stats.output(o.name());
      out.printf("  %-20s %-8s delivered %,d  dead-lettered %,d  retries %,d%s%n", o.name(), c.health(),
          c.delivered(), c.deadLettered(), c.retries(), lastError(c.lastError()));
    }
  }

  /** How many records the transformed events made, where that is not one each (a transform that splits). */
  private static String records(PipelineStats.StreamCounters c) {
    return c.records() == c.transformed() ? "" : String.format(" into %,d records", c.records());
  }

  private static String lastError(String error) {
    return error == null ? "" : "  last error: " + error;
  }

  /**
   * Says on {@code err} that stored events could not be read, if any: they were set aside, so the
   * run did not deliver everything it was asked to.
   *
   * @return whether there were any
   */
  static boolean printUnreadable(PrintWriter err, PipelineStats stats) {
    long n = stats.unreadable();
    if (n == 0) {
      return false;
    }
    err.printf("datasipper: %,d stored event%s could not be read and went to the dead letters of %s; everything"
        + " else was delivered. Last: %s%n", n, n == 1 ? "" : "s", Pipeline.UNREADABLE, stats.lastUnreadable());
    return true;
  }
}
