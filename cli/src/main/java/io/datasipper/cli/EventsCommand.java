package io.datasipper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "events", mixinStandardHelpOptions = true, description = "(placeholder, being written)")
final class EventsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw UserError.failure("events is not implemented yet");
  }
}
