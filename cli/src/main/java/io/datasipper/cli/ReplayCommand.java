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
import java.time.format.DateTimeParseException;
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
      description = "Events from this time on: ISO-8601 (2026-11-26T10:00:00Z) or an age (30m, 2h).")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Events up to this time, same forms as --since.")
  String until;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
      description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin DataDirOption dataDir;
  @Mixin StreamsCommand.ConfigOption config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    DataSipperConfig loaded = config.source(dataDir.path()).config();
    PipelineSpec pipeline = loaded.pipeline();
    if (stream != null && pipeline.streams().stream().map(StreamSpec::name).noneMatch(stream::equals)) {
      throw UserError.usage("no stream named " + stream);
    }
    Instant from = time("--since", since, Instant.MIN);
    Instant to = time("--until", until, Instant.MAX);
    Predicate<CaptureEvent> selected = since == null && until == null ? Pipeline.ALL_EVENTS
        : e -> !e.timestamp().isBefore(from) && !e.timestamp().isAfter(to);
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

  private static Instant time(String option, String value, Instant fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notInstant) {
      try {
        return Instant.now().minus(new DurationConverter().convert(value));
      } catch (picocli.CommandLine.TypeConversionException notAge) {
        throw UserError.usage(option + " '" + value + "' is neither an ISO-8601 time (2026-11-26T10:00:00Z) nor an age (30m)");
      }
    }
  }
}
