package io.datasipper.cli;

import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureException;
import io.datasipper.capture.ChromiumLocator;
import io.datasipper.capture.LaunchOptions;
import io.datasipper.capture.StartingBrowser;
import io.datasipper.config.ConfigSource;
import io.datasipper.store.DataDirLock;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sip", mixinStandardHelpOptions = true,
    description = {"Open the pages in a Chromium that DataSipper starts and capture their traffic.",
        "The capture runs until --for elapses, Ctrl-C, or the browser exits; then DataSipper flushes what it"
        + " captured and prints a summary."})
final class SipCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "URL", description = "Pages to open, one tab each (http or https).")
  List<String> urls;

  @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long, e.g. 30s, 5m (default: until Ctrl-C).")
  Duration duration;

  @Mixin BrowserOptions browser;
  @Mixin DataDirOption dataDir;
  @Mixin CaptureOptions capture;
  @Mixin UiOptions ui;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  private final BrowserHeadStart headStart;

  SipCommand() {
    this(BrowserHeadStart.NONE);
  }

  /** A sip that takes over the lock and browser a head start began, where they are the ones it needs. */
  SipCommand(BrowserHeadStart headStart) {
    this.headStart = headStart;
  }

  @Override
  public Integer call() {
    return run(Invocation.of(spec));
  }

  /** Runs sip, as picocli's {@link #call} does, or as {@link Main} does for a {@link SipLine}. */
  int run(Invocation invocation) {
    browser.check();
    List<String> pages = urls.stream().map(SipCommand::checkedUrl).toList();
    capture.requireConfigFile();
    String node = capture.node();
    DataDirLock lock = headStart.takeLock(dataDir.path());
    if (lock == null) {
      lock = DataDirOption.lock(dataDir.path(), DataDirLock.Kind.CAPTURE, invocation.command());
    }
    // Unless the head start began it already, the browser starts once the config is read: that says
    // whether the store is encrypted, and so where the browser keeps its profile. Chromium then takes
    // about a second to come up, and the store and the pipeline get ready meanwhile.
    SidePanelExtension panel = sidePanel(dataDir.path(), browser.headed);
    try {
      return launchAndCapture(invocation, dataDir.path(), capture.source(dataDir.path()), node, ui, browser, panel,
          pages, duration, headStart);
    } finally {
      lock.close();
    }
  }

  /**
   * Launches Chromium on the data directory's profile, opens the pages and captures. The caller
   * holds the data directory's capture lock.
   */
  static int launchAndCapture(Invocation invocation, Path dataDir, ConfigSource source,
      String node, UiOptions ui, BrowserOptions browser, List<String> pages, Duration duration) {
    return launchAndCapture(invocation, dataDir, source, node, ui, browser, sidePanel(dataDir, browser.headed), pages,
        duration, BrowserHeadStart.NONE);
  }

  /** The browser's profile is in the data directory, or a temporary one for an encrypted store (see BrowserProfile). */
  private static int launchAndCapture(Invocation invocation, Path dataDir, ConfigSource source,
      String node, UiOptions ui, BrowserOptions browserOptions, SidePanelExtension panel, List<String> pages,
      Duration duration, BrowserHeadStart headStart) {
    boolean encrypted = StoreKeys.resolve(source.config().store().key()) != null;
    try (BrowserProfile profile = BrowserProfile.of(dataDir, encrypted);
        StartingBrowser browser = startBrowser(profile.dir(), browserOptions, panel, headStart)) {
      return capture(invocation, dataDir, source, node, ui, browser, panel, pages, duration);
    }
  }

  /**
   * The side panel extension for a browser with a window, written into the data directory; null
   * for a headless one, where no one would see it.
   */
  private static SidePanelExtension sidePanel(Path dataDir, boolean headed) {
    return headed ? SidePanelExtension.writeTo(dataDir.resolve("extension")).orElse(null) : null;
  }

  /** The browser the head start began if it is this one, else a new one. */
  private static StartingBrowser startBrowser(Path profile, BrowserOptions browser, SidePanelExtension panel,
      BrowserHeadStart headStart) {
    Path chromium;
    try {
      chromium = ChromiumLocator.require();
    } catch (CaptureException e) {
      throw UserError.failure(e.getMessage());
    }
    LaunchOptions options = launchOptions(chromium, profile, browser.headed, panel, browser.args);
    StartingBrowser started = headStart.takeBrowser(options);
    return started != null ? started : Capture.startBrowser(options);
  }

  /** How sip starts Chromium: on this profile, with the side panel (null: none) and the user's flags. */
  static LaunchOptions launchOptions(Path chromium, Path profile, boolean headed, SidePanelExtension panel,
      List<String> extraFlags) {
    List<String> flags = new ArrayList<>();
    if (panel != null) {
      flags.add("--load-extension=" + panel.dir());
    }
    flags.addAll(extraFlags);
    return new LaunchOptions(chromium, profile, headed, flags);
  }

  /** Captures from the starting browser into the data directory, with the pages open and the panel (if any) paired. */
  private static int capture(Invocation invocation, Path dataDir, ConfigSource source,
      String node, UiOptions ui, StartingBrowser browser, SidePanelExtension panel, List<String> pages, Duration duration) {
    CaptureRun run = new CaptureRun(dataDir, invocation.command(), source, node, ui, invocation.out(),
        invocation.err()).pairing(panel);
    return run.run((rules, stamps, sink) -> {
      Capture capture = Capture.launch(browser, rules, stamps, sink);
      try {
        for (String page : pages) {
          capture.open(page);
        }
      } catch (CaptureException e) {
        capture.close();
        throw e;
      }
      return capture;
    }, duration);
  }

  static String checkedUrl(String url) {
    if (isPageUrl(url)) {
      return url;
    }
    try {
      new URI(url);
    } catch (URISyntaxException e) {
      throw UserError.usage("'" + url + "' is not a valid URL (" + e.getReason() + "): give a full http:// or https:// address");
    }
    throw UserError.usage("'" + url + "' is not an http:// or https:// address: give a full URL such as https://example.com/");
  }

  /** Whether sip opens this URL: a full http:// or https:// address. */
  static boolean isPageUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
