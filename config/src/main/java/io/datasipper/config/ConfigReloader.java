package io.datasipper.config;

import io.datasipper.capture.CaptureRules;
import io.datasipper.pipeline.PipelineSpec;
import java.io.PrintWriter;

/**
 * What a running command does when its config file changes: reads it as at start and, if it is
 * valid, replaces the pipeline with one for the new streams and outputs; if not, says why in one
 * line and leaves the running pipeline alone. Each line is said once per change of the file.
 */
final class ConfigReloader implements ConfigWatcher.Listener {
  private final ConfigSource source;
  private final LivePipeline live;
  /** The running capture's settings; null when the command does not capture. */
  private final CaptureRules capture;
  private final PrintWriter out;
  private final PrintWriter err;

  ConfigReloader(ConfigSource source, LivePipeline live, CaptureRules capture, PrintWriter out, PrintWriter err) {
    this.source = source;
    this.live = live;
    this.capture = capture;
    this.out = out;
    this.err = err;
  }

  @Override
  public void changed() {
    DataSipperConfig next;
    try {
      next = source.reload();
    } catch (ConfigException e) {
      say(err, "config " + e.getMessage()); // the loader's line names the file, the key, the value, what is allowed
      return;
    }
    try {
      live.replace(next.pipeline());
    } catch (RuntimeException e) {
      say(err, "config " + source.file() + ": the new pipeline did not start (" + e.getMessage()
          + "); the previous one runs again");
      return;
    }
    source.includes(next);
    PipelineSpec pipeline = next.pipeline();
    say(out, "config " + source.file() + " reloaded: " + pipeline.streams().size() + " streams, "
        + pipeline.outputs().size() + " outputs");
    if (capture != null && !capture.equals(next.capture())) {
      say(err, "config " + source.file() + ": capture settings apply at the next start");
    }
  }

  @Override
  public void deleted() {
    say(err, "config " + source.file() + " was deleted; the pipeline goes on as it is");
  }

  private static void say(PrintWriter to, String line) {
    to.println(line);
    to.flush();
  }
}
