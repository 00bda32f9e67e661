package io.datasipper.cli;

import io.datasipper.capture.Capture;
import io.datasipper.capture.ChromiumLocator;
import io.datasipper.capture.LaunchOptions;
import io.datasipper.capture.StartingBrowser;
import io.datasipper.config.ConfigLoader;
import io.datasipper.config.ConfigSource;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.StoreKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sip}'s browser, started before the command line is parsed. picocli reading the commands'
 * annotations takes a cold JVM 0.2-0.3 s, which Chromium spends starting instead: when the
 * arguments are a plain headless {@code sip} (options it knows, a store that is not encrypted), this
 * takes the data directory's capture lock and starts the browser at once. {@link SipCommand} takes
 * the lock and the browser over when its own reading of the arguments asks for that very data
 * directory and browser; anything else (and a command that never gets that far, such as a usage
 * error) leaves them here, and closing this stops the browser and releases the lock.
 */
final class BrowserHeadStart implements AutoCloseable {
  static final BrowserHeadStart NONE = new BrowserHeadStart(null, null, null, null);

  /** sip's options that take a value, and those that do not; any other option leaves the start to sip. */
  static final Set<String> VALUE_OPTIONS =
      Set.of("--for", "--browser-arg", "--data-dir", "--config", "--node", "--ui-port", "--ui-token-file");
  static final Set<String> FLAGS = Set.of("--keep-secrets", "--no-ui");

  private final Path dataDir;
  private final LaunchOptions options;
  private DataDirLock lock;
  private StartingBrowser browser;

  private BrowserHeadStart(Path dataDir, LaunchOptions options, DataDirLock lock, StartingBrowser browser) {
    this.dataDir = dataDir;
    this.options = options;
    this.lock = lock;
    this.browser = browser;
  }

  /** Starts sip's browser if the arguments ask for one this can start; {@link #NONE} otherwise. */
  static BrowserHeadStart begin(String... args) {
    Optional<Plan> plan = plan(args);
    if (plan.isEmpty()) {
      return NONE;
    }
    Path dataDir = plan.get().dataDir();
    DataDirLock lock;
    try {
      lock = DataDirLock.acquire(dataDir, DataDirLock.Kind.CAPTURE, "sip");
    } catch (Exception e) {
      return NONE; // in use, or not writable: sip says so
    }
    try {
      if (encrypted(plan.get())) {
        lock.close(); // its browser profile is a temporary one, which sip makes
        return NONE;
      }
      LaunchOptions options = plan.get().launchOptions(ChromiumLocator.require());
      return new BrowserHeadStart(dataDir, options, lock, Capture.startBrowser(options));
    } catch (Exception e) {
      lock.close(); // no browser, a config sip will refuse: sip says why
      return NONE;
    }
  }

  /** What sip was asked for, as far as starting its browser goes. */
  record Plan(Path dataDir, Path config, List<String> browserArgs) {
    /** How sip starts a headless browser for a store that is not encrypted (its profile in the data directory). */
    LaunchOptions launchOptions(Path chromium) {
      return SipCommand.launchOptions(chromium, dataDir.resolve("profile"), false, null, browserArgs);
    }
  }

  /**
   * The data directory, config and browser flags of a {@code sip} command line; empty for any other
   * command, and for one that asks for help, a window, an option or a form of one this does not know,
   * or a URL sip would refuse.
   */
  static Optional<Plan> plan(String... args) {
    if (args.length < 2 || !args[0].equals("sip")) {
      return Optional.empty();
    }
    Path dataDir = DataDirOption.defaultDir();
    Path config = null;
    List<String> browserArgs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        if (arg.startsWith("@") || !SipCommand.isPageUrl(arg)) {
          return Optional.empty(); // an argument file, or what sip reports as a bad URL
        }
        continue;
      }
      if (FLAGS.contains(arg)) {
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals > 0 ? arg.substring(0, equals) : arg;
      if (!VALUE_OPTIONS.contains(name) || (equals < 0 && i + 1 == args.length)) {
        return Optional.empty();
      }
      String value = equals > 0 ? arg.substring(equals + 1) : args[++i];
      switch (name) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--config" -> config = Path.of(value);
        case "--browser-arg" -> browserArgs.add(value);
        default -> { } // no part of starting the browser
      }
    }
    return Optional.of(new Plan(dataDir, config, browserArgs));
  }

  /** Whether the store is to be encrypted: a key in the config, or in the environment. */
  private static boolean encrypted(Plan plan) {
    Path file = ConfigSource.find(plan.config(), plan.dataDir()); // a missing --config: sip names it
    StoreKey key = file != null ? ConfigLoader.load(file).store().key() : null;
    return StoreKeys.resolve(key) != null;
  }

  /** This head start's lock if it is {@code dataDir}'s capture lock; null otherwise. */
  DataDirLock takeLock(Path dataDir) {
    if (lock == null || !dataDir.equals(this.dataDir)) {
      return null;
    }
    DataDirLock taken = lock;
    lock = null;
    return taken;
  }

  /** The browser started here if it was started with exactly these options; null otherwise. */
  StartingBrowser takeBrowser(LaunchOptions wanted) {
    if (browser == null || !wanted.equals(options)) {
      return null;
    }
    StartingBrowser taken = browser;
    browser = null;
    return taken;
  }

  /** Stops a browser nobody took, then releases a lock nobody took. */
  @Override
  public void close() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }
}
