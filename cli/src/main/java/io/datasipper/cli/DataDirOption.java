package io.datasipper.cli;

import io.datasipper.config.ConfigLoader;
import io.datasipper.config.ConfigSource;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import io.datasipper.store.StoreKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option, shared by every command that reads or writes a capture: use it as
 * {@code @Mixin DataDirOption dataDir;} and call {@link #path()}.
 */
final class DataDirOption {
  private static final String DEFAULT_UNDER_HOME = "/.datasipper/default";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${sys:user.home}" + DEFAULT_UNDER_HOME,
      description = "Data directory holding the capture (default: ${DEFAULT-VALUE}).")
  private Path dir;

  /** The option as picocli sets it from {@code --data-dir dir}. */
  static DataDirOption of(Path dir) {
    DataDirOption option = new DataDirOption();
    option.dir = dir;
    return option;
  }

  Path path() {
    return dir;
  }

  /** The data directory without {@code --data-dir}, as picocli makes it from the option's default. */
  static Path defaultDir() {
    return Path.of(System.getProperty("user.home") + DEFAULT_UNDER_HOME);
  }

  /**
   * Takes a write lock of a data directory for {@code command}: a second writer stops at once with
   * a one-line error naming the process that holds it.
   */
  static DataDirLock lock(Path dataDir, DataDirLock.Kind kind, String command) {
    try {
      return DataDirLock.acquire(dataDir, kind, command);
    } catch (StoreException e) {
      throw UserError.usage(e.getMessage());
    }
  }

  /** The process delivering from {@code dataDir} now, as {@code pid N (command)}; empty if none does. */
  static Optional<String> delivering(Path dataDir) {
    try {
      return DataDirLock.holder(dataDir, DataDirLock.Kind.PIPELINE);
    } catch (StoreException e) {
      throw UserError.failure(e.getMessage());
    }
  }

  /**
   * Opens the store of a data directory that holds a capture, for a command that takes no config:
   * with the key file its own {@code datasipper.yaml} names, else the key of
   * {@link StoreKey#ENVIRONMENT}; a one-line error if there is none, or the key does not fit.
   */
  EventStore openExisting() {
    // A directory without a capture says so first, whatever its config holds.
    requireCapture();
    Path config = dir.resolve(ConfigSource.DEFAULT_NAME);
    return open(Files.isRegularFile(config) ? ConfigLoader.storeKey(config) : null);
  }

  /** As {@link #openExisting()}, with a loaded config's key (null: none) before the environment's. */
  EventStore openExisting(StoreKey configured) {
    requireCapture();
    return open(configured);
  }

  private void requireCapture() {
    if (!Files.isRegularFile(dir.resolve(EventStore.FILE_NAME))) {
      throw UserError.usage("no capture in " + dir + ": run `datasipper sip URL` first");
    }
  }

  private EventStore open(StoreKey configured) {
    try {
      return EventStore.open(dir, StoreKeys.resolve(configured));
    } catch (StoreException e) {
      throw UserError.failure(e.getMessage());
    }
  }
}
