package io.datasipper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "(placeholder, being written)")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw UserError.failure("demo is not implemented yet");
  }
}
