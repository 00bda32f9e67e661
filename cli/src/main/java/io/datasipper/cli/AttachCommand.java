package io.datasipper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "attach", mixinStandardHelpOptions = true, description = "(placeholder, being written)")
final class AttachCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw UserError.failure("attach is not implemented yet");
  }
}
