package io.datasipper.cli;

import io.datasipper.api.transform.EventTransform;
import io.datasipper.config.ConfigSource;
import io.datasipper.config.DataSipperConfig;
import io.datasipper.config.Transforms;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.pipeline.StreamTrial;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.DeliveryLedger.SavedStats;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "streams", mixinStandardHelpOptions = true,
    description = "Check, try out and watch the streams of a config.",
    subcommands = {StreamsCommand.Check.class, StreamsCommand.Try.class, StreamsCommand.Stats.class})
final class StreamsCommand {

  /** Options naming the config: --config, else DIR/datasipper.yaml. */
  static final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
        description = "YAML config (default: DIR/datasipper.yaml).")
    Path file;

    PipelineSpec load(Path dataDir) {
      return source(dataDir).config().pipeline();
    }

    /** The config, which must define streams, and the file it came from. */
    ConfigSource source(Path dataDir) {
      ConfigSource source = ConfigSource.read(file, dataDir, UnaryOperator.identity());
      if (source.config().pipeline().isEmpty()) {
        Path read = source.target();
        throw UserError.usage(Files.isRegularFile(read) ? read + " defines no streams"
            : "no streams to run: " + dataDir + " has no " + ConfigSource.DEFAULT_NAME
                + "; write one (README: Streams and outputs) or name one with --config FILE");
      }
      return source;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validate the config (rules, transforms, outputs) and list its streams and outputs.")
  static final class Check implements Callable<Integer> {
    @Mixin DataDirOption dataDir;
    @Mixin ConfigOption config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PipelineSpec pipeline = config.load(dataDir.path());
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%d streams:%n", pipeline.streams().size());
      for (StreamSpec s : pipeline.streams()) {
        out.printf("  %-24s %s -> %s%n", s.name(), s.transformSource() == null ? "as captured" : "transformed",
            s.outputs().isEmpty() ? "(no outputs)" : String.join(", ", s.outputs()));
      }
      out.printf("%d outputs:%n", pipeline.outputs().size());
      for (OutputSpec o : pipeline.outputs()) {
        out.printf("  %-24s type %s, starts from %s%n", o.name(), o.type(), o.startFromEarliest() ? "earliest" : "latest");
      }
      if (pipeline.streams().stream().anyMatch(s -> s.transformSource() != null)) {
        out.println("transforms run on " + Transforms.runtimeName());
      }
      out.println("config is valid");
      return Main.OK;
    }
  }

  @Command(name = "try", mixinStandardHelpOptions = true,
      description = "Run one stream's rules and transform over stored events and print what it would ship,"
          + " without delivering anything.")
  static final class Try implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The stream to try.")
    String name;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
        description = "Stop after N matching events (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin DataDirOption dataDir;
    @Mixin ConfigOption config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      DataSipperConfig loaded = config.source(dataDir.path()).config();
      PipelineSpec pipeline = loaded.pipeline();
      StreamSpec stream = pipeline.streams().stream().filter(s -> s.name().equals(name)).findFirst()
          .orElseThrow(() -> UserError.usage("no stream named " + name + "; streams: "
              + String.join(", ", pipeline.streams().stream().map(StreamSpec::name).toList())));
      PrintWriter out = spec.commandLine().getOut();
      int[] counts = new int[5]; // scanned, matched, records, dropped, failed
      Unreadable unreadable = new Unreadable();
      try (EventStore store = dataDir.openExisting(loaded.store().key()); EventTransform transform = compile(stream)) {
        StreamTrial trial = new StreamTrial(stream.rule(), transform);
        store.scan(EventQuery.all(), event -> {
          if (counts[1] >= limit) {
            return;
          }
          counts[0]++;
          StreamTrial.Result result = trial.apply(event);
          if (!result.matched()) {
            return;
          }
          counts[1]++;
          counts[2] += result.records().size();
          result.records().forEach(out::println);
          if (result.dropped()) {
            counts[3]++;
            out.printf("# event %d dropped by the transform%n", event.seq());
          } else if (result.error() != null) {
            counts[4]++;
            out.printf("# event %d failed: %s%n", event.seq(), result.error());
          }
        }, reason -> {
          unreadable.accept(reason);
          out.printf("# %s; skipped%n", reason);
        });
      }
      out.printf("# %d events scanned, %d matched %s: %d records, %d dropped, %d failed%n", counts[0], counts[1], name,
          counts[2], counts[3], counts[4]);
      out.flush();
      return unreadable.report(spec.commandLine().getErr(), "tried") ? Main.FAILURE : Main.OK;
    }
  }

  @Command(name = "stats", mixinStandardHelpOptions = true,
      description = "Per stream and per output: matched, transformed, records, dropped, failed, delivered, pending,"
          + " rate, deleted undelivered (by the store's retention), last error; and health, catching up (an output"
          + " that fell behind reads the store on its own). With no delivery running, every output reads stopped.")
  static final class Stats implements Callable<Integer> {
    @Option(names = "--json", description = "One JSON object per stream and output.")
    boolean json;

    @Mixin DataDirOption dataDir;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (EventStore store = dataDir.openExisting()) {
        DeliveryLedger ledger = new DeliveryLedger(store);
        Map<String, SavedStats> stats = ledger.savedStats();
        if (stats.isEmpty()) {
          throw UserError.usage("no pipeline has run on " + dataDir.path() + " yet");
        }
        Map<String, Long> deleted = ledger.deletedUndelivered();
        Instant lastSavedAt = stats.values().stream().map(SavedStats::savedAt).max(Instant::compareTo).orElseThrow();
        Optional<String> delivering = DataDirOption.delivering(dataDir.path());
        if (!json) {
          out.println(StatsText.savedLine(lastSavedAt, Instant.now(), delivering));
        }
        stats.values().forEach(saved -> {
          String snapshot = StatsText.withStoreFigures(PipelineStats.asSeenNow(saved, delivering.isPresent()), deleted,
              saved);
          out.println(json ? snapshot : StatsText.line(snapshot));
        });
      }
      return Main.OK;
    }
  }

  static EventTransform compile(StreamSpec s) {
    return s.transformSource() == null ? EventTransform.IDENTITY : Transforms.compiler().compile(s.name(), s.transformSource());
  }
}
