package io.datasipper.bench;

import io.datasipper.capture.CaptureRules;
import io.datasipper.server.LocalServer;
import io.datasipper.server.events.EventsPart;
import io.datasipper.server.feed.FeedPart;
import io.datasipper.server.ui.UiPart;
import java.nio.file.Path;
import java.util.List;

/**
 * DataSipper as {@link DataSipperReader} runs it, plus its local server with the dashboard open on
 * the live events in a second headless Chromium: what {@code sip} does while its user watches. Or,
 * without the dashboard, the same server and second Chromium left on about:blank: what a second
 * browser costs the capture before any page of ours is in it. The capture's frames are counted
 * where {@link DataSipperReader} counts them, so its latency is comparable with a run with no
 * dashboard open.
 */
final class DashboardReader extends CaptureDelegatingReader {
  private static final long LIVE_TIMEOUT_MILLIS = 60_000;
  static final long IDLE_MILLIS = 5_000;

  private final Path chromium;
  private final Path dir;
  private final boolean profiling;
  private final Beside beside;
  private FeedPart feed;
  private LocalServer server;
  private DashboardPage page;
  private DashboardPage.FirstLoad firstLoad;
  private DashboardPage.Figures figures;
  private List<DashboardPage.LongTask> idleLongTasks = List.of();
  private ProcessHandle secondBrowser;
  private ThreadCpu secondBrowserAtStart;
  private String secondBrowserCpu;
  private FeedSent feedAtStart;
  private FeedSent feedSent;

  /** What the server's live feed sent its clients: messages and their bytes. */
  record FeedSent(long messages, long bytes) {
    private static FeedSent of(FeedPart feed) {
      return new FeedSent(feed.messagesSent(), feed.bytesSent());
    }

    private FeedSent since(FeedSent start) {
      return new FeedSent(messages - start.messages, bytes - start.bytes);
    }
  }

  /** What runs beside the capture, with the server: the dashboard, a second browser on about:blank, or nothing. */
  enum Beside {
    DASHBOARD("capture + dashboard"), BLANK_BROWSER("capture + blank browser"), NO_BROWSER("capture + server");

    /** The run's phase, as the bench prints it while running. */
    final String phase;

    Beside(String phase) {
      this.phase = phase;
    }
  }

  /** The reader of a run with the server and, {@code beside} it, the dashboard open or not. */
  DashboardReader(Path chromium, Path dir, FrameTally tally, int steps, boolean profiling, Beside beside) {
    super(new DataSipperReader(chromium, dir, tally, steps, CaptureRules.defaults()));
    this.chromium = chromium;
    this.dir = dir;
    this.profiling = profiling;
    this.beside = beside;
  }

  @Override
  public void start(String pageUrl) throws Exception {
    capture.start(pageUrl);
    feed = FeedPart.of(capture.store(), capture.ring());
    server = LocalServer.start(0, List.of(new EventsPart(capture.store()), feed, UiPart.fromClassPath().orElseThrow(
        () -> new IllegalStateException("the dashboard (module web) is not on the class path: build bench with it"))));
    server.warmUp();
    if (beside == Beside.NO_BROWSER) {
      // As long as B's page and C's blank browser sit idle before their runs.
      Thread.sleep(IDLE_MILLIS);
      return;
    }
    page = DashboardPage.launch(chromium, dir.resolve("dashboard-profile"), profiling);
    secondBrowser = BrowserCpu.root(dir.resolve("dashboard-profile"));
    if (beside == Beside.BLANK_BROWSER) {
      // As long as B's page sits idle before its run: the second browser's start-up is done in both.
      Thread.sleep(IDLE_MILLIS);
      secondBrowserAtStart = ThreadCpu.read(secondBrowser);
      return;
    }
    firstLoad = page.open(server.dashboardUrl().toString(), LIVE_TIMEOUT_MILLIS);
    page.observeLongTasks();
    // The page with nothing arriving: what the machine's own load makes of its long tasks.
    Thread.sleep(IDLE_MILLIS);
    idleLongTasks = page.takeLongTasks();
    page.startRun();
    secondBrowserAtStart = ThreadCpu.read(secondBrowser);
    feedAtStart = FeedSent.of(feed);
  }

  /** The long tasks of the page with nothing arriving, for {@link #IDLE_MILLIS} before the run; set once started. */
  List<DashboardPage.LongTask> idleLongTasks() {
    return idleLongTasks;
  }

  /** Whether the dashboard was opened, not about:blank left. */
  boolean openedDashboard() {
    return beside == Beside.DASHBOARD;
  }

  /** How the dashboard's first load went; set once started. */
  DashboardPage.FirstLoad firstLoad() {
    return firstLoad;
  }

  /** What the dashboard went through while the frames arrived; set once closed. */
  DashboardPage.Figures figures() {
    return figures;
  }

  /**
   * The second browser's CPU from the start of the sending until its frames were all captured, by
   * process kind and thread, heaviest first; set once closed.
   */
  String secondBrowserCpu() {
    return secondBrowserCpu;
  }

  /**
   * What the feed sent the dashboard from the start of the sending until its frames were all
   * captured; null without the dashboard; set once closed.
   */
  FeedSent feedSent() {
    return feedSent;
  }

  /** Reads the dashboard's figures, then stops it, the server and the capture. */
  @Override
  public void close() {
    try {
      if (secondBrowserAtStart != null) {
        secondBrowserCpu = ThreadCpu.read(secondBrowser).since(secondBrowserAtStart, 12);
      }
      if (page != null && openedDashboard()) {
        figures = page.figures();
      }
      if (feedAtStart != null) {
        feedSent = FeedSent.of(feed).since(feedAtStart);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not read the dashboard's figures: " + e.getMessage(), e);
    } finally {
      if (page != null) {
        page.close();
      }
      if (server != null) {
        server.close();
      }
      if (feed != null) {
        feed.close();
      }
      capture.close();
    }
  }
}
