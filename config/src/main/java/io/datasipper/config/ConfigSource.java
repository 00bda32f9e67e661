package io.datasipper.config;

import io.datasipper.capture.CaptureRules;
import io.datasipper.pipeline.PipelineSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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

  /** Null when there is no file. */
  private final ConfigWatcher watcher;
  private final UnaryOperator<DataSipperConfig> adjust;
  private final DataSipperConfig config;
  /** Where a config written for a command that started without one goes. */
  private final Path dataDir;

  private ConfigSource(ConfigWatcher watcher, UnaryOperator<DataSipperConfig> adjust, DataSipperConfig config,
      Path dataDir) {
    this.watcher = watcher;
    this.adjust = adjust;
    this.config = config;
    this.dataDir = dataDir;
  }

  /**
   * Reads and checks the config; {@code adjust} is what the command line changes in it.
   *
   * @throws ConfigException if the file given does not exist or is not valid
   */
  public static ConfigSource read(Path given, Path dataDir, UnaryOperator<DataSipperConfig> adjust) {
    Path file = find(given, dataDir);
    if (file == null) {
      return new ConfigSource(null, adjust, adjust.apply(DataSipperConfig.defaults()), dataDir);
    }
    // Before the load: a save while it loads then counts as a change, and is read again.
    ConfigWatcher watcher = new ConfigWatcher(file);
    DataSipperConfig config = ConfigLoader.load(file);
    watcher.include(config.includedFiles());
    return new ConfigSource(watcher, adjust, adjust.apply(config), dataDir);
  }

  /** @throws ConfigException if a config file was given and does not exist */
  public static void requireGivenFile(Path given) {
    if (given != null && !Files.isRegularFile(given)) {
      throw new ConfigException("config file " + given + " does not exist");
    }
  }

  /**
   * The config file a command reads: {@code given}, else the data directory's {@code
   * datasipper.yaml}; null when there is none (the defaults apply).
   *
   * @throws ConfigException if a config file was given and does not exist
   */
  public static Path find(Path given, Path dataDir) {
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
    return new ConfigSource(watcher, c -> more.apply(adjust.apply(c)), more.apply(config), dataDir);
  }

  public Path file() {
    return watcher.file();
  }

  /** The file a new config for this command is written to: the one it read, else the data directory's. */
  public Path target() {
    return watcher != null ? watcher.file() : dataDir.resolve(DEFAULT_NAME);
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

  /** Checks {@code text} as the content of {@code file}, and makes the command line's changes to it, as at start. */
  DataSipperConfig read(Path file, String text) {
    return adjust.apply(ConfigLoader.load(file, text));
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
    Following following = new Following(this, live, capturing ? config.capture() : null, out, err);
    following.start();
    return following;
  }

  /**
   * Following the config file while a pipeline runs: each change is reloaded about a second after
   * it is saved, or at once through {@link #reloadNow}. Stopping again does nothing.
   */
  public static final class Following {
    private final LivePipeline live;
    private final CaptureRules capture;
    private final PrintWriter out;
    private final PrintWriter err;
    private ConfigSource source;
    private ConfigReloader reloader;
    private boolean stopped;

    private Following(ConfigSource source, LivePipeline live, CaptureRules capture, PrintWriter out,
        PrintWriter err) {
      this.source = source;
      this.live = live;
      this.capture = capture;
      this.out = out;
      this.err = err;
      this.reloader = new ConfigReloader(source, live, capture, out, err);
    }

    private synchronized void start() {
      if (source.watcher != null) {
        source.watcher.start(reloader);
      }
    }

    /**
     * Reads the config file now, as the next look at it would, after a change this process made
     * to it: the look that follows then finds nothing new, so the change is reloaded once. A
     * command that started without a file follows the one at {@link ConfigSource#target} from now on.
     */
    public Reload reloadNow() {
      try {
        return reloadAfter(() -> {});
      } catch (IOException e) {
        throw new UncheckedIOException(e); // no change, no I/O of its own
      }
    }

    /**
     * Makes {@code change} to the file and reloads it, with no look of the watcher in between: a
     * look just after the write would reload it on its own, and this answer would miss what it did.
     *
     * @throws IOException from the change, when nothing was reloaded
     */
    synchronized Reload reloadAfter(ConfigWatcher.Change change) throws IOException {
      if (stopped) {
        throw new IllegalStateException("the config file " + source.target() + " is no longer followed");
      }
      ConfigWatcher watcher = source.watcher;
      if (watcher == null) {
        change.make();
        if (!Files.isRegularFile(source.target())) {
          return unchanged();
        }
        // Made before the load, as at start: a save meanwhile counts as a change.
        source = new ConfigSource(new ConfigWatcher(source.target()), source.adjust, source.config, source.dataDir);
        reloader = new ConfigReloader(source, live, capture, out, err);
        Reload reload = reloader.reload();
        source.watcher.start(reloader);
        return reload;
      }
      Reload[] reload = {unchanged()};
      watcher.changeAndCheck(change, new ConfigWatcher.Listener() {
        @Override
        public void changed() {
          reload[0] = reloader.reload();
        }

        @Override
        public void deleted() {
          reloader.deleted();
        }
      });
      return reload[0];
    }

    private Reload unchanged() {
      PipelineSpec running = live.spec();
      return new Reload(Reload.Outcome.UNCHANGED, running.streams().size(), running.outputs().size(),
          "config " + source.target() + " is unchanged");
    }

    /** Stops following; a reload in progress finishes first. */
    public synchronized void stop() {
      stopped = true;
      if (source.watcher != null) {
        source.watcher.close();
      }
    }
  }
}
