package io.datasipper.cli.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.capture.BrowserFlags;
import io.datasipper.capture.Chromium;
import io.datasipper.capture.LaunchOptions;
import io.datasipper.capture.cdp.CdpConnection;
import io.datasipper.capture.cdp.PipeTransport;
import io.datasipper.cli.VirtualDisplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real Chromium, headless or with a window on a virtual display, driven as a user would use a
 * page: open a URL, read what the page shows, click with the mouse. Talks DevTools over the
 * debugging pipe, as the capture does, so no port is open while the test runs.
 */
final class PageDriver implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private final Process process;
  private final CdpConnection cdp;
  private final String session;
  /** The target of a further tab {@link #openTab} gave, which closing closes; null: closing closes the browser. */
  private final String tabTarget;

  private PageDriver(Process process, CdpConnection cdp, String session, String tabTarget) {
    this.process = process;
    this.cdp = cdp;
    this.session = session;
    this.tabTarget = tabTarget;
  }

  static PageDriver launch(Path profileDir) throws IOException {
    return launch(profileDir, List.of());
  }

  /** A browser started with these flags too, e.g. {@code --load-extension}. */
  static PageDriver launch(Path profileDir, List<String> moreFlags) throws IOException {
    return start(profileDir, null, moreFlags);
  }

  /**
   * A browser with a window on {@code display} rather than a headless one, for what only a window
   * has: the toolbar and its extension buttons, the side panel.
   */
  static PageDriver launchHeaded(Path profileDir, VirtualDisplay display, List<String> moreFlags) throws IOException {
    return start(profileDir, display, moreFlags);
  }

  /** {@code display} null: headless. */
  private static PageDriver start(Path profileDir, VirtualDisplay display, List<String> moreFlags) throws IOException {
    LaunchOptions options = Chromium.headless(profileDir);
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 3<&0 4>&1 </dev/null >/dev/null",
        options.chromium().toString(), "--remote-debugging-pipe", "--user-data-dir=" + profileDir,
        "--window-size=1280,800"));
    command.addAll(BrowserFlags.defaults(display != null));
    command.addAll(options.extraArgs());
    command.addAll(moreFlags);
    command.add("about:blank");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(profileDir.resolveSibling("page-driver.log").toFile()));
    if (display != null) {
      builder.environment().put("DISPLAY", display.display());
    }
    Process process = builder.start();
    CdpConnection cdp = new CdpConnection(new PipeTransport(process.getOutputStream(), process.getInputStream(),
        "page-driver"));
    cdp.start(event -> {});
    try {
      String targetId = null;
      for (JsonNode target : await(cdp.send("Target.getTargets", null)).path("targetInfos")) {
        if (target.path("type").asText().equals("page")) {
          targetId = target.path("targetId").asText();
        }
      }
      if (targetId == null) {
        targetId = await(cdp.send("Target.createTarget", CdpConnection.params().put("url", "about:blank")))
            .path("targetId").asText();
      }
      String session = await(cdp.send("Target.attachToTarget",
          CdpConnection.params().put("targetId", targetId).put("flatten", true))).path("sessionId").asText();
      PageDriver driver = new PageDriver(process, cdp, session, null);
      await(cdp.send(session, "Runtime.enable", null));
      return driver;
    } catch (RuntimeException | IOException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /**
   * A new tab on {@code url}, driven by the returned driver (closing it leaves the browser). It
   * starts blank and then navigates: a tab created on its URL can lose its first requests to a capture.
   */
  PageDriver openTab(String url) throws IOException {
    String targetId = await(cdp.send("Target.createTarget", CdpConnection.params().put("url", "about:blank")))
        .path("targetId").asText();
    String tab = await(cdp.send("Target.attachToTarget",
        CdpConnection.params().put("targetId", targetId).put("flatten", true))).path("sessionId").asText();
    PageDriver driver = new PageDriver(process, cdp, tab, targetId);
    await(cdp.send(tab, "Runtime.enable", null));
    driver.open(url);
    return driver;
  }

  /**
   * A driver of the page the browser opened by itself at exactly {@code url}, e.g. an extension's
   * side panel, once the browser lists it (within {@code timeout}); closing it closes that page.
   */
  PageDriver attachToPage(String url, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> seen = List.of();
    while (System.nanoTime() < deadline) {
      List<String> urls = new ArrayList<>();
      for (JsonNode target : await(cdp.send("Target.getTargets", null)).path("targetInfos")) {
        if (target.path("type").asText().equals("page") && target.path("url").asText().equals(url)) {
          String targetId = target.path("targetId").asText();
          String page = await(cdp.send("Target.attachToTarget",
              CdpConnection.params().put("targetId", targetId).put("flatten", true))).path("sessionId").asText();
          await(cdp.send(page, "Runtime.enable", null));
          return new PageDriver(process, cdp, page, targetId);
        }
        urls.add(target.path("type").asText() + " " + target.path("url").asText());
      }
      seen = urls;
      Thread.sleep(100);
    }
    throw new IOException("within " + timeout.toSeconds() + " s the browser opened no page at " + url
        + "; its targets: " + seen);
  }

  /**
   * Clicks extension {@code extensionId}'s toolbar button for this tab, as a user does on the tab
   * they are on: DevTools' Extensions.triggerAction, which the protocol offers over the debugging
   * pipe of a browser started with {@code --enable-unsafe-extension-debugging}. It names the tab by
   * its "tab" target, which holds the page target this driver talks to and shows the same URL.
   */
  void clickExtensionAction(String extensionId) throws IOException {
    String url = evaluate("location.href").asText();
    var filter = CdpConnection.params();
    filter.putArray("filter").addObject().put("type", "tab");
    List<String> tabs = new ArrayList<>();
    for (JsonNode target : await(cdp.send("Target.getTargets", filter)).path("targetInfos")) {
      if (target.path("type").asText().equals("tab") && target.path("url").asText().equals(url)) {
        tabs.add(target.path("targetId").asText());
      }
    }
    if (tabs.size() != 1) {
      throw new IOException("expected one tab at " + url + " to click the extension's button in, found " + tabs.size());
    }
    try {
      await(cdp.send("Extensions.triggerAction", CdpConnection.params().put("id", extensionId).put("targetId", tabs.get(0))));
    } catch (IOException e) {
      throw new IOException("Chromium did not run the extension's action through Extensions.triggerAction (it needs"
          + " a Chromium whose DevTools have it, driven over --remote-debugging-pipe and started with"
          + " --enable-unsafe-extension-debugging): " + e.getMessage(), e);
    }
  }

  /** The URLs of the browser's page targets (its tabs). */
  List<String> tabUrls() throws IOException {
    List<String> urls = new ArrayList<>();
    for (JsonNode target : await(cdp.send("Target.getTargets", null)).path("targetInfos")) {
      if (target.path("type").asText().equals("page")) {
        urls.add(target.path("url").asText());
      }
    }
    return urls;
  }

  /** Makes this tab the one shown: a tab in the background draws no frames, so it cannot be captured. */
  void bringToFront() throws IOException {
    await(cdp.send(session, "Page.bringToFront", null));
  }

  /** Lays the page out at this size, as a window or a side panel of it would. */
  void resize(int width, int height) throws IOException {
    await(cdp.send(session, "Emulation.setDeviceMetricsOverride", CdpConnection.params().put("width", width)
        .put("height", height).put("deviceScaleFactor", 1).put("mobile", false)));
  }

  void open(String url) throws IOException {
    await(cdp.send(session, "Page.navigate", CdpConnection.params().put("url", url)));
  }

  /** The value of a JavaScript expression in the page (JSON values come back as they are). */
  JsonNode evaluate(String expression) throws IOException {
    JsonNode reply = await(cdp.send(session, "Runtime.evaluate", CdpConnection.params()
        .put("expression", expression).put("returnByValue", true).put("awaitPromise", true)));
    if (reply.has("exceptionDetails")) {
      throw new IOException("the page threw on " + expression + ": " + reply.path("exceptionDetails"));
    }
    return reply.path("result").path("value");
  }

  /**
   * Evaluates {@code expression} every 100 ms until {@code done} accepts its value, at most
   * {@code timeout}; returns the last value either way, for the assertion to show.
   */
  JsonNode waitFor(String expression, Predicate<JsonNode> done, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode value = evaluate(expression);
    while (!done.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      value = evaluate(expression);
    }
    return value;
  }

  /** Presses and releases the left mouse button in the middle of the first element {@code selector} finds. */
  void click(String selector) throws IOException {
    // Scrolled into view first, as a user scrolls to a button below the fold before clicking it.
    JsonNode box = middleOf(selector, "e.scrollIntoView({block: 'nearest'});");
    for (String type : List.of("mousePressed", "mouseReleased")) {
      await(cdp.send(session, "Input.dispatchMouseEvent", CdpConnection.params().put("type", type)
          .put("x", box.path("x").asDouble()).put("y", box.path("y").asDouble())
          .put("button", "left").put("clickCount", 1)));
    }
  }

  /**
   * Turns the mouse wheel over the middle of the first element {@code selector} finds, by {@code
   * deltaY} pixels (negative: up), as a user scrolls.
   */
  void wheel(String selector, double deltaY) throws IOException {
    JsonNode box = middleOf(selector, "");
    await(cdp.send(session, "Input.dispatchMouseEvent", CdpConnection.params().put("type", "mouseWheel")
        .put("x", box.path("x").asDouble()).put("y", box.path("y").asDouble()).put("deltaX", 0).put("deltaY", deltaY)));
  }

  /** The middle ({@code x}, {@code y}) of the first element {@code selector} finds, after {@code prepare} ran on it as {@code e}. */
  private JsonNode middleOf(String selector, String prepare) throws IOException {
    JsonNode box = evaluate("(() => { const e = document.querySelector(" + quote(selector) + "); if (!e) return null; "
        + prepare + " const r = e.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
    if (box.isNull() || box.isMissingNode()) {
      throw new IOException("nothing on the page matches " + selector);
    }
    return box;
  }

  /** Types {@code text} into the focused element, as a keyboard would. */
  void type(String text) throws IOException {
    await(cdp.send(session, "Input.insertText", CdpConnection.params().put("text", text)));
  }

  /** Selects everything in the focused editable element, as Ctrl+A does. */
  void selectAll() throws IOException {
    for (String type : List.of("rawKeyDown", "keyUp")) {
      var params = CdpConnection.params().put("type", type).put("modifiers", 2).put("key", "a").put("code", "KeyA")
          .put("windowsVirtualKeyCode", 65);
      if (type.equals("rawKeyDown")) {
        params.putArray("commands").add("selectAll");
      }
      await(cdp.send(session, "Input.dispatchKeyEvent", params));
    }
  }

  /** Presses and releases a key that types no character ("Enter", "Backspace") in the focused element. */
  void press(String key) throws IOException {
    int keyCode = switch (key) {
      case "Enter" -> 13;
      case "Backspace" -> 8;
      default -> throw new IllegalArgumentException("no key code known for " + key + "; add it here");
    };
    for (String type : List.of("rawKeyDown", "keyUp")) {
      await(cdp.send(session, "Input.dispatchKeyEvent", CdpConnection.params().put("type", type).put("key", key)
          .put("code", key).put("windowsVirtualKeyCode", keyCode)));
    }
  }

  /** Sets a form field's value and tells the page, as choosing an option or editing the text does. */
  void setValue(String selector, String value) throws IOException {
    JsonNode found = evaluate("(() => { const el = document.querySelector(" + quote(selector) + "); if (!el) return false;"
        + " el.value = " + quote(value) + "; el.dispatchEvent(new Event('input', {bubbles: true}));"
        + " el.dispatchEvent(new Event('change', {bubbles: true})); return true; })()");
    if (!found.asBoolean()) {
      throw new IOException("nothing on the page matches " + selector);
    }
  }

  /** Saves what the page shows now as a PNG. */
  void screenshot(Path png) throws IOException {
    String data = await(cdp.send(session, "Page.captureScreenshot", CdpConnection.params().put("format", "png")))
        .path("data").asText();
    java.nio.file.Files.createDirectories(png.toAbsolutePath().getParent());
    java.nio.file.Files.write(png, java.util.Base64.getDecoder().decode(data));
  }

  /** Starts the page's JavaScript sampling profiler. */
  void startProfiling() throws IOException {
    await(cdp.send(session, "Profiler.enable", null));
    await(cdp.send(session, "Profiler.start", null));
  }

  /** Stops the profiler; the functions that took the most of its samples, heaviest first, as "ms name url:line". */
  List<String> stopProfiling(int top) throws IOException {
    JsonNode profile = await(cdp.send(session, "Profiler.stop", null)).path("profile");
    java.util.Map<Integer, Integer> hits = new java.util.HashMap<>();
    profile.path("samples").forEach(id -> hits.merge(id.asInt(), 1, Integer::sum));
    JsonNode deltas = profile.path("timeDeltas");
    double msPerSample = deltas.size() == 0 ? 0 : (profile.path("endTime").asDouble() - profile.path("startTime").asDouble())
        / 1000.0 / deltas.size();
    java.util.Map<String, Double> byFunction = new java.util.HashMap<>();
    for (JsonNode node : profile.path("nodes")) {
      JsonNode frame = node.path("callFrame");
      String name = frame.path("functionName").asText("") + " " + frame.path("url").asText("").replaceAll(".*/", "")
          + ":" + frame.path("lineNumber").asInt();
      byFunction.merge(name, hits.getOrDefault(node.path("id").asInt(), 0) * msPerSample, Double::sum);
    }
    return byFunction.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(top).map(e -> String.format("%.0f ms %s", e.getValue(), e.getKey())).toList();
  }

  /** Lets the page read and write the clipboard without asking, as a user who allowed it. */
  void allowClipboard(String origin) throws IOException {
    var params = CdpConnection.params().put("origin", origin);
    params.putArray("permissions").add("clipboardReadWrite").add("clipboardSanitizedWrite");
    await(cdp.send("Browser.grantPermissions", params));
  }

  /** Saves what the page downloads into {@code dir} under the name the page suggests, without asking. */
  void allowDownloads(Path dir) throws IOException {
    await(cdp.send("Browser.setDownloadBehavior", CdpConnection.params().put("behavior", "allow")
        .put("downloadPath", dir.toAbsolutePath().toString())));
  }

  /**
   * The file whose name ends with {@code suffix} the browser saved into {@code dir} (see
   * {@link #allowDownloads}), once complete: Chromium writes it under a temporary name, then renames it.
   */
  static Path awaitDownload(Path dir, String suffix, Duration wait) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    do {
      try (Stream<Path> files = Files.list(dir)) {
        Optional<Path> saved = files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
        if (saved.isPresent()) {
          return saved.get();
        }
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no *" + suffix + " file was downloaded into " + dir + " within " + wait);
  }

  static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r") + "'";
  }

  private static JsonNode await(CompletableFuture<JsonNode> reply) throws IOException {
    try {
      return reply.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the browser", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the browser did not do it: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (tabTarget != null) {
      cdp.send("Target.closeTarget", CdpConnection.params().put("targetId", tabTarget));
      return;
    }
    cdp.send("Browser.close", null);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      cdp.close();
    }
  }
}
