package io.datasipper.cli;

import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import java.nio.file.Files;
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

  /** Opens the store of a data directory that holds a capture; a one-line error if there is none. */
  EventStore openExisting() {
    if (!Files.isRegularFile(dir.resolve(EventStore.FILE_NAME))) {
      throw UserError.usage("no capture in " + dir + ": run `datasipper sip URL` first");
    }
    try {
      return EventStore.open(dir);
    } catch (StoreException e) {
      throw UserError.failure(e.getMessage());
    }
  }
}
