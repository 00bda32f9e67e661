package io.datasipper.cli;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.config.Transforms;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deliver", mixinStandardHelpOptions = true,
    description = {"Deliver what the outputs have not taken yet from the stored events, then exit.",
        "With --follow, keep delivering new events until Ctrl-C, reloading the streams and outputs whenever the"
        + " config file changes."})
final class DeliverCommand implements Callable<Integer> {
  @Option(names = "--follow", description = "Keep running and deliver events as they are stored.")
  boolean follow;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
      description = "Without --follow: give up after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin DataDirOption dataDir;
  @Mixin StreamsCommand.ConfigOption config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ConfigSource source = config.source(dataDir.path());
    try (EventStore store = dataDir.openExisting(source.config().store().key())) {
      if (follow) {
        return follow(source, store);
      }
      DataDirLock lock = DataDirOption.lock(dataDir.path(), DataDirLock.Kind.PIPELINE, spec.name());
      try {
        return deliver(source.config().pipeline(), store);
      } finally {
        lock.close();
      }
    }
  }

  private int deliver(PipelineSpec pipeline, EventStore store) throws InterruptedException {
    try (Pipeline running = Pipeline.start(pipeline, store, new Outputs(), Transforms.compiler())) {
      boolean complete = running.drain(timeout);
      PipelineReport.print(spec.commandLine().getOut(), pipeline, running.stats());
      boolean unreadable = PipelineReport.printUnreadable(spec.commandLine().getErr(), running.stats());
      List<String> stopped = running.stoppedByErrors();
      stopped.forEach(line -> spec.commandLine().getErr().println("datasipper: " + line + "; what it did not deliver"
          + " stays pending"));
      if (!complete && stopped.isEmpty()) {
        spec.commandLine().getErr().println("datasipper: not everything was delivered within " + DurationText.of(timeout)
            + "; the rest stays pending");
      }
      return complete && !unreadable ? Main.OK : Main.FAILURE;
    } catch (OutputConfigException e) {
      throw UserError.usage("output config: " + e.getMessage());
    }
  }

  /** Delivers events as they are stored, following the config file, until Ctrl-C or SIGTERM. */
  private int follow(ConfigSource source, EventStore store) {
    PrintWriter out = spec.commandLine().getOut();
    try (StopSignal stopping = StopSignal.install()) {
      LivePipeline live = LivePipeline.start(source.config().pipeline(), store,
          () -> DataDirOption.lock(dataDir.path(), DataDirLock.Kind.PIPELINE, spec.name()), out, PipelineReport::print);
      ConfigSource.Following following = source.follow(live, false, out, spec.commandLine().getErr());
      try {
        stopping.await(null);
      } finally {
        following.stop();
        live.close(); // the write in flight finishes; the rest stays pending
      }
      live.report();
    }
    return Main.OK;
  }
}
