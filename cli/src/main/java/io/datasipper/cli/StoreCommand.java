package io.datasipper.cli;

import io.datasipper.store.StoreException;
import io.datasipper.store.StoreKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Manage the data directory's store.",
    subcommands = {StoreCommand.Keygen.class})
final class StoreCommand {

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = {"Write a new random store key to FILE (readable by you only; an existing file is never"
          + " overwritten). A new data directory opened with it is encrypted: set store.encryption.key_file to FILE in"
          + " the config, or put the file's content in the environment variable " + StoreKey.ENVIRONMENT + ".",
          "Keep a copy: without the key, an encrypted store cannot be read by anyone, you included."})
  static final class Keygen implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The key file to write.")
    Path file;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try {
        StoreKey.generate().writeNew(file);
      } catch (StoreException e) {
        throw UserError.usage(e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("store key written to " + file + " (mode 0600); use it with store: {encryption: {key_file: " + file
          + "}} or " + StoreKey.ENVIRONMENT + "=$(cat " + file + ")");
      out.flush();
      return Main.OK;
    }
  }
}
