package io.datasipper.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.EventSink;
import io.datasipper.api.event.EventStamps;
import io.datasipper.capture.cdp.CdpConnection;
import io.datasipper.capture.cdp.CdpEvent;
import io.datasipper.capture.cdp.CdpTransport;
import io.datasipper.capture.cdp.LostMessage;
import io.datasipper.capture.cdp.MessageLimit;
import io.datasipper.capture.cdp.WebSocketTransport;
import io.datasipper.capture.network.Emitter;
import io.datasipper.capture.network.NetworkRecorder;
import io.datasipper.capture.network.TargetRef;
import io.datasipper.capture.redact.Redactor;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running capture: a browser connection whose traffic becomes events for an {@link EventSink}.
 * Lifecycle: {@link #launch} or {@link #attach}, then {@link #open} pages, then {@link #close}.
 * If the browser goes away on its own, a {@code capture_error} event records it and {@link #ended}
 * completes; what was captured until then has been handed to the sink.
 */
public final class Capture implements AutoCloseable {
  private static final long COMMAND_TIMEOUT_SECONDS = 30;

  private final CdpConnection cdp;
  private final ChromiumProcess browser;
  private final Emitter emitter;
  private final TargetTracker targets;
  private final NetworkRecorder network;
  private final CompletableFuture<String> ended = new CompletableFuture<>();
  private volatile boolean closing;
  private boolean initialTabTaken;

  private final Redactor redactor;

  private Capture(CdpTransport transport, ChromiumProcess browser, CaptureRules rules, Emitter emitter) {
    this.cdp = new CdpConnection(transport);
    this.browser = browser;
    this.emitter = emitter;
    this.targets = new TargetTracker(cdp, rules.maxBodyBytes());
    this.network = new NetworkRecorder(cdp, rules, emitter);
    this.redactor = rules.redactor();
  }

  /** Starts Chromium over the pipe transport (no debugging port) and captures all of its targets. */
  public static Capture launch(LaunchOptions options, CaptureRules rules, EventStamps stamps, EventSink sink)
      throws CaptureException {
    return launch(startBrowser(options), rules, stamps, sink);
  }

  /**
   * Starts Chromium over the pipe transport and returns without waiting for it to come up; a
   * failure to start is thrown by {@link #launch(StartingBrowser, CaptureRules, EventStamps, EventSink)}.
   */
  public static StartingBrowser startBrowser(LaunchOptions options) {
    return StartingBrowser.start(options);
  }

  /** Captures all targets of a browser started by {@link #startBrowser}, once it answers. */
  public static Capture launch(StartingBrowser starting, CaptureRules rules, EventStamps stamps, EventSink sink)
      throws CaptureException {
    ChromiumProcess browser = starting.take();
    Capture capture = new Capture(browser.transport(MessageLimit.forBodyLimit(rules.maxBodyBytes())), browser, rules,
        new Emitter(stamps, sink, rules.redactor()));
    try {
      capture.start();
    } catch (CaptureException e) {
      capture.close();
      throw new CaptureException(e.getMessage() + " (Chromium: " + browser.exitDescription() + ")", e);
    }
    return capture;
  }

  /**
   * Attaches to a browser the user started with {@code --remote-debugging-port} on this machine.
   * The URL is the browser's {@code http://host:port} or its {@code ws://.../devtools/browser/...}
   * endpoint; it must be a loopback address (see {@link DebuggingAddress}).
   */
  public static Capture attach(URI cdpUrl, CaptureRules rules, EventStamps stamps, EventSink sink)
      throws CaptureException {
    return attach(cdpUrl, false, rules, stamps, sink);
  }

  /** {@link #attach(URI, CaptureRules, EventStamps, EventSink)}, to another machine too if {@code allowRemote}. */
  public static Capture attach(URI cdpUrl, boolean allowRemote, CaptureRules rules, EventStamps stamps,
      EventSink sink) throws CaptureException {
    URI endpoint = DevToolsEndpoint.resolve(cdpUrl, allowRemote);
    WebSocketTransport transport = new WebSocketTransport(endpoint, MessageLimit.forBodyLimit(rules.maxBodyBytes()));
    Capture capture = new Capture(transport, null, rules, new Emitter(stamps, sink, rules.redactor()));
    capture.start();
    return capture;
  }

  private void start() throws CaptureException {
    cdp.closed().thenAccept(this::onConnectionClosed);
    try {
      cdp.start(this::onEvent, this::onLost);
    } catch (RuntimeException e) {
      throw new CaptureException(e.getMessage(), e);
    }
    // Sent together: the browser runs them in order, and a starting browser answers all three at once.
    CompletableFuture<JsonNode> version = cdp.send("Browser.getVersion", null);
    CompletableFuture<JsonNode> discover = cdp.send("Target.setDiscoverTargets", CdpConnection.params().put("discover", true));
    CompletableFuture<JsonNode> autoAttach = cdp.send("Target.setAutoAttach", TargetTracker.autoAttachParams());
    await(version, "the browser did not answer");
    await(discover, "cannot discover the browser's targets");
    await(autoAttach, "cannot attach to the browser's targets");
  }

  /**
   * Opens a new tab at the URL. The tab starts blank and navigates once its network events flow,
   * so the first document's request and body are captured too.
   */
  public void open(String url) throws CaptureException {
    String targetId = takeInitialTab();
    if (targetId == null) {
      JsonNode created = await(cdp.send("Target.createTarget", CdpConnection.params().put("url", "about:blank")),
          "cannot open a tab");
      targetId = created.path("targetId").asText();
    }
    TargetRef tab = await(targets.whenReady(targetId), "the new tab did not come up");
    await(cdp.send(tab.sessionId(), "Page.navigate", CdpConnection.params().put("url", url)),
        "cannot navigate to " + emitter.redactor().url(url));
  }

  /**
   * The blank tab a browser this capture launched starts with, for the first page opened; null
   * after that, when attached (the user's tabs are theirs), or when it is gone. A new tab would
   * start a renderer process of its own, which was most of what a capture added to the time
   * until the page's first request.
   */
  private synchronized String takeInitialTab() throws CaptureException {
    if (browser == null || initialTabTaken) {
      return null;
    }
    initialTabTaken = true;
    // Known from its attachment when the capture started; asking the browser cost 9-54 ms while it started.
    String attached = targets.blankTab();
    if (attached != null) {
      return attached;
    }
    JsonNode listed = await(cdp.send("Target.getTargets", null), "cannot list the browser's tabs");
    for (JsonNode target : listed.path("targetInfos")) {
      if (target.path("type").asText().equals("page") && target.path("url").asText().equals("about:blank")) {
        return target.path("targetId").asText();
      }
    }
    return null;
  }

  /** Completes, with the reason, when the browser exits or the connection to it is lost. */
  public CompletableFuture<String> ended() {
    return ended;
  }

  /** How many of the browser's tabs the capture is attached to now. */
  public int tabCount() {
    return targets.tabCount();
  }

  /** Whether this capture started the browser (and so closes it), as opposed to attaching. */
  public boolean launchedBrowser() {
    return browser != null;
  }

  private void onEvent(CdpEvent e) {
    String method = e.method();
    if (method.startsWith("Network.")) {
      TargetRef target = targets.target(e.sessionId());
      if (target != null) {
        network.onEvent(target, method, e.params());
      }
      return;
    }
    switch (method) {
      case "Target.attachedToTarget" -> targets.attached(e.sessionId(), e.params());
      case "Target.targetInfoChanged" -> targets.infoChanged(e.params());
      case "Target.detachedFromTarget" -> targets.detached(e.params());
      case "Target.targetCrashed" -> recordError("target_crashed",
          "a browser target crashed (" + e.params().path("status").asText() + ", target "
              + e.params().path("targetId").asText() + ")");
      default -> { } // other domains' events carry nothing DataSipper records
    }
  }

  /** Nothing of a message that could not be read is kept: say what it was, as far as is known. */
  private void onLost(LostMessage m) {
    // The URL goes into a capture_error, which is stored as it is: redacted here like any other URL.
    String url = m.requestId() == null ? null : redactor.url(network.urlOf(m.requestId()));
    String concerning = m.requestId() == null ? "" : url != null ? " on " + url : ", request " + m.requestId();
    recordError("message_dropped", "dropped a DevTools message of " + MessageLimit.describe(m.size()) + " (" + m.what()
        + concerning + "): " + m.reason());
  }

  private void onConnectionClosed(String reason) {
    String why = closing ? "capture closed" : describeUnexpectedEnd(reason);
    network.flushIncomplete(why);
    if (!closing) {
      recordError(browser != null ? "browser_exited" : "connection_lost", why);
    }
    ended.complete(why);
  }

  private String describeUnexpectedEnd(String reason) {
    if (browser == null) {
      return "lost the connection to the browser: " + reason;
    }
    browser.stop(2_000);
    return "Chromium exited unexpectedly (" + browser.exitDescription() + ")";
  }

  private void recordError(String kind, String message) {
    emitter.emit((id, seq) -> new CaptureErrorEvent(id, seq, Instant.now(), kind, message));
  }

  /**
   * Finishes what is in flight and closes the browser if this capture launched it; when attached,
   * it only disconnects and leaves the user's browser running.
   */
  @Override
  public void close() {
    if (ended.isDone()) {
      return;
    }
    closing = true;
    rescueUnfinishedBodies();
    if (browser != null) {
      cdp.send("Browser.close", null);
      try {
        ended.get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // the browser did not close in time: it is stopped below
      }
      browser.stop(2_000);
    }
    cdp.close();
    // With the transport gone, nothing else handles messages: flush here if the reader did not.
    cdp.runExclusive(() -> {
      if (!ended.isDone()) {
        onConnectionClosed("capture closed");
      }
    });
  }

  private void rescueUnfinishedBodies() {
    CompletableFuture<CompletableFuture<Void>> rescue = new CompletableFuture<>();
    cdp.runExclusive(() -> rescue.complete(network.rescueUnfinishedBodies()));
    try {
      rescue.join().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // whatever did not arrive is emitted as incomplete when the connection closes
    }
  }

  private <T> T await(CompletableFuture<T> reply, String what) throws CaptureException {
    try {
      return reply.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new CaptureException(what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new CaptureException(what + " within " + COMMAND_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaptureException(what + ": interrupted", e);
    }
  }
}
