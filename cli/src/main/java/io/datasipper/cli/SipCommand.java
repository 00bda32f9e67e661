package io.datasipper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "sip", mixinStandardHelpOptions = true, description = "(placeholder, being written)")
final class SipCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw UserError.failure("sip is not implemented yet");
  }
}
