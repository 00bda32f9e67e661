package io.datasipper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "export", mixinStandardHelpOptions = true, description = "(placeholder, being written)")
final class ExportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw UserError.failure("export is not implemented yet");
  }
}
