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

/**
 * A plain {@code sip}'s browser (see {@link SipLine}), started first thing: Chromium takes longer to
 * come up than the JVM takes to get the rest ready. When the store is not encrypted, this takes the
 * data directory's capture lock and starts the browser at once. {@link SipCommand} takes the lock
 * and the browser over when it asks for that very data directory and browser; anything else (and a
 * command that never gets that far, such as a usage error) leaves them here, and closing this stops
 * the browser and releases the lock.
 */
final class BrowserHeadStart implements AutoCloseable {
  static final BrowserHeadStart NONE = new BrowserHeadStart(null, null, null, null);

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

  /** Starts the browser of a plain sip, unless its store is encrypted; {@link #NONE} if it cannot. */
  static BrowserHeadStart begin(SipLine line) {
    Path dataDir = line.dataDir();
    DataDirLock lock;
    try {
      lock = DataDirLock.acquire(dataDir, DataDirLock.Kind.CAPTURE, "sip");
    } catch (Exception e) {
      return NONE; // in use, or not writable: sip says so
    }
    try {
      if (encrypted(line)) {
        lock.close(); // its browser profile is a temporary one, which sip makes
        return NONE;
      }
      LaunchOptions options = launchOptions(line, ChromiumLocator.require());
      return new BrowserHeadStart(dataDir, options, lock, Capture.startBrowser(options));
    } catch (Exception e) {
      lock.close(); // no browser, a config sip will refuse: sip says why
      return NONE;
    }
  }

  /** How sip starts a headless browser for a store that is not encrypted (its profile in the data directory). */
  static LaunchOptions launchOptions(SipLine line, Path chromium) {
    return SipCommand.launchOptions(chromium, line.dataDir().resolve("profile"), false, null, line.browserArgs());
  }

  /** Whether the store is to be encrypted: a key in the config, or in the environment. */
  private static boolean encrypted(SipLine line) {
    Path file = ConfigSource.find(line.config(), line.dataDir()); // a missing --config: sip names it
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
