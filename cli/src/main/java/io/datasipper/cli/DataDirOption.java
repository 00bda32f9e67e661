package io.datasipper.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option, shared by every command that reads or writes a capture: use it as
 * {@code @Mixin DataDirOption dataDir;} and call {@link #path()}.
 */
final class DataDirOption {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${sys:user.home}/.datasipper/default",
      description = "Data directory holding the capture (default: ${DEFAULT-VALUE}).")
  private Path dir;

  Path path() {
    return dir;
  }
}
