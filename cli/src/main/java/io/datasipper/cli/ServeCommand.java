package io.datasipper.cli;

import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerSources;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve a data directory over the local API and dashboard without capturing, until Ctrl-C: browse a"
        + " past capture and edit its streams and outputs. With --deliver, also deliver its events as"
        + " `deliver --follow` does.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--deliver",
      description = "Also deliver stored events to the outputs, following the config file as `deliver --follow` does.")
  boolean deliver;

  @Mixin UiAddress address;
  @Mixin DataDirOption dataDir;
  @Mixin StreamsCommand.ConfigOption config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ConfigSource source = ConfigSource.read(config.file, dataDir.path(), UnaryOperator.identity());
    try (StopSignal stop = StopSignal.install();
        EventStore store = dataDir.openExisting(source.config().store().key())) {
      LivePipeline pipeline = deliver ? LivePipeline.start(source.config().pipeline(), store,
          () -> DataDirOption.lock(dataDir.path(), DataDirLock.Kind.PIPELINE, spec.name()), out, PipelineReport::print)
          : null;
      ConfigSource.Following following = pipeline == null ? null
          : source.follow(pipeline, false, out, spec.commandLine().getErr());
      LocalServer server = null;
      try {
        server = UiServer.start(UiOptions.at(address), new ServerSources(dataDir.path(), store, source, following, pipeline, null),
            out);
        stop.await(null);
      } finally {
        if (following != null) {
          following.stop();
        }
        if (server != null) {
          server.close();
        }
        if (pipeline != null) {
          pipeline.close(); // the write in flight finishes; the rest stays pending
          pipeline.report();
        }
      }
    }
    return Main.OK;
  }
}
