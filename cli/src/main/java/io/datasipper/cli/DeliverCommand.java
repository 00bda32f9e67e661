package io.datasipper.cli;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.store.EventStore;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deliver", mixinStandardHelpOptions = true,
    description = {"Deliver what the outputs have not taken yet from the stored events, then exit;",
        "with --follow, keep delivering new events until Ctrl-C."})
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
    PipelineSpec pipeline = config.load(dataDir.path());
    try (EventStore store = dataDir.openExisting();
        Pipeline running = Pipeline.start(pipeline, store, new Outputs(), Transforms.compiler())) {
      boolean complete;
      if (follow) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          running.close(); // the write in flight finishes; the rest stays pending
          stopped.countDown();
        }));
        stopped.await();
        complete = true;
      } else {
        complete = running.drain(timeout);
      }
      PipelineReport.print(spec.commandLine().getOut(), pipeline, running.stats());
      if (!complete) {
        spec.commandLine().getErr().println("datasipper: not everything was delivered within " + DurationText.of(timeout)
            + "; the rest stays pending");
        return Main.FAILURE;
      }
      return Main.OK;
    } catch (OutputConfigException e) {
      throw UserError.usage("output config: " + e.getMessage());
    }
  }
}
