package io.datasipper.config;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The config a command runs with and where it came from: the file given, else the data directory's
 * {@code datasipper.yaml}, else the defaults. A running command follows the file: each change is
 * read the way it was at start (the loader, then what the command line changes) and, if valid,
 * replaces the pipeline.
 */
public final class ConfigSource {
  public static final String DEFAULT_NAME = "datasipper.yaml";

  /** Following the file; stopping again does nothing. */
  public interface Following {
    void stop();
  }

  /** Null when there is no file. */
  private final ConfigWatcher watcher;
  private final UnaryOperator<DataSipperConfig> adjust;
  private final DataSipperConfig config;

  private ConfigSource(ConfigWatcher watcher, UnaryOperator<DataSipperConfig> adjust, DataSipperConfig config) {
    this.watcher = watcher;
    this.adjust = adjust;
    this.config = config;
  }

  /**
   * Reads and checks the config; {@code adjust} is what the command line changes in it.
   *
   * @throws ConfigException if the file given does not exist or is not valid
   */
  public static ConfigSource read(Path given, Path dataDir, UnaryOperator<DataSipperConfig> adjust) {
    Path file = find(given, dataDir);
    if (file == null) {
      return new ConfigSource(null, adjust, adjust.apply(DataSipperConfig.defaults()));
    }
    // Before the load: a save while it loads then counts as a change, and is read again.
    ConfigWatcher watcher = new ConfigWatcher(file);
    DataSipperConfig config = ConfigLoader.load(file);
    watcher.include(config.includedFiles());
    return new ConfigSource(watcher, adjust, adjust.apply(config));
  }

  /** @throws ConfigException if a config file was given and does not exist */
  public static void requireGivenFile(Path given) {
    if (given != null && !Files.isRegularFile(given)) {
      throw new ConfigException("config file " + given + " does not exist");
    }
  }

  private static Path find(Path given, Path dataDir) {
    if (given != null) {
      requireGivenFile(given);
      return given;
    }
    Path inDataDir = dataDir.resolve(DEFAULT_NAME);
    return Files.isRegularFile(inDataDir) ? inDataDir : null;
  }

  /** The config as read at start. */
  public DataSipperConfig config() {
    return config;
  }

  /** The same file with one more change to what it says, applied again at each reload. */
  public ConfigSource adjusted(UnaryOperator<DataSipperConfig> more) {
    return new ConfigSource(watcher, c -> more.apply(adjust.apply(c)), more.apply(config));
  }

  public Path file() {
    return watcher.file();
  }

  /** What follows the file; null without one. */
  ConfigWatcher watcher() {
    return watcher;
  }

  /**
   * Reads the file again, as at start.
   *
   * @throws ConfigException naming the file, the path to the bad key, the bad value and what is allowed
   */
  public DataSipperConfig reload() {
    return adjust.apply(ConfigLoader.load(watcher.file()));
  }

  /** Follows the files this config includes from now on, in place of the last config's. */
  void includes(DataSipperConfig loaded) {
    watcher.include(loaded.includedFiles());
  }

  /**
   * Follows the file while {@code live} runs, until the returned handle is stopped. {@code capturing}:
   * whether the command captures, so that a change to the capture settings, which apply at start
   * only, is worth a word.
   */
  public Following follow(LivePipeline live, boolean capturing, PrintWriter out, PrintWriter err) {
    if (watcher == null) {
      return () -> {};
    }
    watcher.start(new ConfigReloader(this, live, capturing ? config.capture() : null, out, err));
    return watcher::close;
  }
}
