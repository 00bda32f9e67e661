package io.datasipper.cli;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.config.DataSipperConfig;
import io.datasipper.config.Transforms;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Push stored events through the streams again and deliver them to the streams' outputs.",
        "Use it to backfill a new output, for example. Outputs' progress is left as it is; delivery is at least"
        + " once."})
final class ReplayCommand implements Callable<Integer> {
  @Option(names = "--stream", paramLabel = "NAME", description = "Only this stream (default: all).")
  String stream;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Events from TIME on: a UTC time (2026-12-01T10:15:00Z) or a DURATION ago (30m, 2h).")
  String since;

  @Option(names = "--until", paramLabel = "TIME",
      description = "Events up to TIME, included: a UTC time or a DURATION ago, as --since.")
  String until;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
      description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin DataDirOption dataDir;
  @Mixin StreamsCommand.ConfigOption config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Predicate<CaptureEvent> selected = selected(Instant.now());
    DataSipperConfig loaded = config.source(dataDir.path()).config();
    PipelineSpec pipeline = loaded.pipeline();
    if (stream != null && pipeline.streams().stream().map(StreamSpec::name).noneMatch(stream::equals)) {
      throw UserError.usage("no stream named " + stream);
    }
    PipelineStats stats;
    try (EventStore store = dataDir.openExisting(loaded.store().key())) {
      DataDirLock lock = DataDirOption.lock(dataDir.path(), DataDirLock.Kind.PIPELINE, spec.name());
      try {
        stats = Pipeline.replay(pipeline, store, new Outputs(), Transforms.compiler(), stream, selected, timeout);
      } finally {
        lock.close();
      }
    } catch (OutputConfigException e) {
      throw UserError.usage("output config: " + e.getMessage());
    }
    PipelineReport.print(spec.commandLine().getOut(), pipeline, stats);
    return PipelineReport.printUnreadable(spec.commandLine().getErr(), stats) ? Main.FAILURE : Main.OK;
  }

  /** The events from --since to --until, both included; a time given as a duration counts back from {@code now}. */
  private Predicate<CaptureEvent> selected(Instant now) {
    if (since == null && until == null) {
      return Pipeline.ALL_EVENTS;
    }
    Instant from = since == null ? Instant.MIN : TimeOption.parse("--since", since, now);
    Instant to = until == null ? Instant.MAX : TimeOption.parse("--until", until, now);
    if (from.isAfter(to)) {
      throw UserError.usage("--since " + since + " (" + from + ") is after --until " + until + " (" + to
          + "): no event is between them");
    }
    return e -> !e.timestamp().isBefore(from) && !e.timestamp().isAfter(to);
  }
}
