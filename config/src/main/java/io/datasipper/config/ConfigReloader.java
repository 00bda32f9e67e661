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
    reload();
  }

  /** Reads the file as at start and replaces the pipeline with the one it describes, if it is valid; says what it did. */
  Reload reload() {
    DataSipperConfig next;
    PipelineSpec running = live.spec();
    try {
      next = source.reload();
    } catch (ConfigException e) {
      // The loader's line names the file, the key, the value, what is allowed.
      return said(err, new Reload(Reload.Outcome.INVALID, running.streams().size(), running.outputs().size(),
          "config " + e.getMessage()));
    }
    try {
      live.replace(next.pipeline());
    } catch (RuntimeException e) {
      return said(err, new Reload(Reload.Outcome.NOT_STARTED, running.streams().size(), running.outputs().size(),
          "config " + source.file() + ": the new pipeline did not start (" + e.getMessage()
              + "); the previous one runs again"));
    }
    source.includes(next);
    PipelineSpec pipeline = next.pipeline();
    Reload done = said(out, new Reload(Reload.Outcome.RELOADED, pipeline.streams().size(), pipeline.outputs().size(),
        "config " + source.file() + " reloaded: " + pipeline.streams().size() + " streams, "
            + pipeline.outputs().size() + " outputs"));
    if (capture != null && !capture.equals(next.capture())) {
      say(err, "config " + source.file() + ": capture settings apply at the next start");
    }
    return done;
  }

  private static Reload said(PrintWriter to, Reload reload) {
    say(to, reload.message());
    return reload;
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
