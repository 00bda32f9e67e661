package io.datasipper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.capture.cdp.CdpConnection;
import io.datasipper.capture.cdp.PipeTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard open in a headless Chromium of its own (DataSipper's flags, over the pipe, a fresh
 * profile: a cold cache), read over DevTools as a user's browser would run it.
 */
final class DashboardPage implements AutoCloseable {
  private static final long COMMAND_SECONDS = 30;
  private static final long POLL_MILLIS = 50;
  private static final String LONG_TASKS = "window.benchLongTasks";
  private static final String LIVE_AT = "window.benchLiveAt";
  /**
   * Run in the page before its own script: notes when the header first says the feed is live. A
   * poller from here would see it up to a poll and a round trip late, later still on a busy machine.
   */
  private static final String NOTE_LIVE_AT = "new MutationObserver((changes, observer) => {"
      + " if (document.querySelector('[data-testid=connection]')?.textContent === 'live') {"
      + " " + LIVE_AT + " = performance.now(); observer.disconnect(); } })"
      + ".observe(document, {subtree: true, childList: true, characterData: true});";

  /**
   * Where each step of the first load ended, from the navigation's resource timings; -1 for a step
   * not seen. The script is told from the stylesheet, whose name starts alike, by its extension.
   */
  private static final String FIRST_LOAD_STEPS = "(() => { const ended = test => performance.getEntriesByType('resource')"
      + ".find(e => test(new URL(e.name).pathname))?.responseEnd ?? -1;"
      + " const nav = performance.getEntriesByType('navigation')[0];"
      + " return [nav?.responseEnd ?? -1, ended(p => p.startsWith('/assets/index-') && p.endsWith('.js')),"
      + " nav?.loadEventEnd ?? -1, ended(p => p.startsWith('/api/events'))]; })()";

  /**
   * The first load, in ms from the navigation's start: where a slow one spent its time.
   *
   * @param documentMs when index.html was in
   * @param scriptMs when the page's script was in
   * @param loadedMs when the page's load event ended (index.html, script and stylesheet in)
   * @param eventsMs when the page's first answer of stored events was in
   * @param liveMs when the page first said its live feed was live, the stored events already in the table
   */
  record FirstLoad(double documentMs, double scriptMs, double loadedMs, double eventsMs, double liveMs) {}

  /** A long task of the page: how long it ran, and when it started, in s from the run's start. */
  record LongTask(double ms, double atSeconds) {}

  /** What the page went through while the events arrived. */
  record Figures(List<LongTask> longTasks, double heapStartBytes, double heapEndBytes, double heapAfterGcBytes,
      String rowsShown, List<String> profile, List<String> tracedLongTasks, String mainThreadWork) {
    double longestMs() {
      return longTasks.stream().mapToDouble(LongTask::ms).max().orElse(0);
    }

    long over(double ms) {
      return longTasks.stream().filter(t -> t.ms() > ms).count();
    }
  }

  private final Process process;
  private final CdpConnection cdp;
  private final String session;
  private final LongTaskTrace trace;
  private double heapStart;
  /** The page's clock ({@code performance.now()}) at {@link #startRun}. */
  private double runStartMs;

  /** @param trace where the browser's trace goes when profiling; null when not */
  private DashboardPage(Process process, CdpConnection cdp, String session, LongTaskTrace trace) {
    this.process = process;
    this.cdp = cdp;
    this.session = session;
    this.trace = trace;
  }

  /**
   * Starts the browser on about:blank; {@code profiling} samples the page's JavaScript and traces
   * its renderer from {@link #startRun}.
   */
  static DashboardPage launch(Path chromium, Path profile, boolean profiling) throws Exception {
    List<String> flags = new ArrayList<>(ChromiumFlags.DATASIPPER);
    flags.add("--window-size=1280,800");
    Process process = new ProcessBuilder(ChromiumFlags.pipeCommand(chromium, profile, flags))
        .redirectError(ProcessBuilder.Redirect.appendTo(profile.resolveSibling("dashboard-chromium.log").toFile()))
        .start();
    CdpConnection cdp = new CdpConnection(new PipeTransport(process.getOutputStream(), process.getInputStream(),
        "dashboard-cdp"));
    LongTaskTrace trace = profiling ? new LongTaskTrace() : null;
    cdp.start(trace == null ? e -> { } : trace);
    try {
      String targetId = null;
      for (JsonNode t : await(cdp.send("Target.getTargets", null)).path("targetInfos")) {
        if (t.path("type").asText().equals("page")) {
          targetId = t.path("targetId").asText();
        }
      }
      if (targetId == null) {
        targetId = await(cdp.send("Target.createTarget", CdpConnection.params().put("url", "about:blank")))
            .path("targetId").asText();
      }
      String session = await(cdp.send("Target.attachToTarget",
          CdpConnection.params().put("targetId", targetId).put("flatten", true))).path("sessionId").asText();
      await(cdp.send(session, "Runtime.enable", null));
      return new DashboardPage(process, cdp, session, trace);
    } catch (Exception e) {
      process.destroyForcibly();
      cdp.close();
      throw e;
    }
  }

  /** Opens the dashboard's URL and waits until its live feed is live. */
  FirstLoad open(String url, long timeoutMillis) throws Exception {
    // The page agent runs scripts on new documents only while it is enabled.
    await(cdp.send(session, "Page.enable", null));
    await(cdp.send(session, "Page.addScriptToEvaluateOnNewDocument", CdpConnection.params().put("source", NOTE_LIVE_AT)));
    await(cdp.send(session, "Page.navigate", CdpConnection.params().put("url", url)));
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    String connection = "";
    while (!connection.equals("live")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the dashboard was not live within " + timeoutMillis + " ms (it says \""
            + connection + "\")");
      }
      Thread.sleep(POLL_MILLIS);
      connection = evaluate("document.querySelector('[data-testid=connection]')?.textContent ?? ''").asText();
    }
    JsonNode liveAt = evaluate(LIVE_AT);
    if (!liveAt.isNumber()) {
      throw new IllegalStateException("the dashboard says it is live, but the script noting when did not see it");
    }
    JsonNode steps = evaluate(FIRST_LOAD_STEPS);
    return new FirstLoad(steps.get(0).asDouble(), steps.get(1).asDouble(), steps.get(2).asDouble(),
        steps.get(3).asDouble(), liveAt.asDouble());
  }

  /** From now on: records the page's long tasks. */
  void observeLongTasks() throws Exception {
    evaluate(LONG_TASKS + " = []; new PerformanceObserver(l => " + LONG_TASKS
        + ".push(...l.getEntries().map(e => [e.duration, e.startTime]))).observe({type: 'longtask'}); true");
  }

  /** The long tasks since the last call (or {@link #observeLongTasks}), timed from {@link #startRun}. */
  List<LongTask> takeLongTasks() throws Exception {
    List<LongTask> tasks = new ArrayList<>();
    evaluate(LONG_TASKS + ".splice(0)").forEach(t -> tasks.add(
        new LongTask(t.get(0).asDouble(), (t.get(1).asDouble() - runStartMs) / 1000.0)));
    return tasks;
  }

  /** The run starts: reads the heap and, if asked, starts sampling the page's JavaScript. */
  void startRun() throws Exception {
    takeLongTasks();
    runStartMs = evaluate("performance.now()").asDouble();
    heapStart = evaluate("performance.memory.usedJSHeapSize").asDouble();
    if (trace != null) {
      await(cdp.send(session, "Profiler.enable", null));
      await(cdp.send(session, "Profiler.start", null));
      await(cdp.send("Tracing.start", CdpConnection.params().put("categories", LongTaskTrace.CATEGORIES)
          .put("transferMode", "ReportEvents")));
    }
  }

  /** What the page went through since {@link #startRun}. */
  Figures figures() throws Exception {
    List<LongTask> tasks = takeLongTasks();
    List<String> profile = List.of();
    List<String> longTasks = List.of();
    String work = null;
    if (trace != null) {
      profile = topFunctions(await(cdp.send(session, "Profiler.stop", null)).path("profile"), 12);
      await(cdp.send("Tracing.end", null));
      trace.complete().get(120, TimeUnit.SECONDS);
      longTasks = trace.longTasks(10);
      work = trace.mainThreadWork(12);
    }
    double heapEnd = evaluate("performance.memory.usedJSHeapSize").asDouble();
    await(cdp.send(session, "HeapProfiler.collectGarbage", null));
    double heapAfterGc = evaluate("performance.memory.usedJSHeapSize").asDouble();
    String rows = evaluate("document.querySelector('[data-testid=count]')?.textContent ?? ''").asText();
    return new Figures(tasks, heapStart, heapEnd, heapAfterGc, rows, profile, longTasks, work);
  }

  /** The functions that took the most samples (self time), heaviest first, as "ms name file:line". */
  private static List<String> topFunctions(JsonNode profile, int top) {
    Map<Integer, Integer> hits = new HashMap<>();
    profile.path("samples").forEach(id -> hits.merge(id.asInt(), 1, Integer::sum));
    int samples = profile.path("samples").size();
    double msPerSample = samples == 0 ? 0
        : (profile.path("endTime").asDouble() - profile.path("startTime").asDouble()) / 1000.0 / samples;
    Map<String, Double> byFunction = new HashMap<>();
    for (JsonNode node : profile.path("nodes")) {
      JsonNode frame = node.path("callFrame");
      String name = frame.path("functionName").asText("");
      String where = frame.path("url").asText("").replaceAll(".*/", "") + ":" + frame.path("lineNumber").asInt() + ":"
          + frame.path("columnNumber").asInt();
      byFunction.merge((name.isEmpty() ? "(anonymous)" : name) + " " + where,
          hits.getOrDefault(node.path("id").asInt(), 0) * msPerSample, Double::sum);
    }
    return byFunction.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
        .map(e -> String.format(Locale.ROOT, "%.0f ms %s", e.getValue(), e.getKey())).toList();
  }

  JsonNode evaluate(String expression) throws Exception {
    JsonNode reply = await(cdp.send(session, "Runtime.evaluate", CdpConnection.params()
        .put("expression", expression).put("returnByValue", true).put("awaitPromise", true)));
    if (reply.has("exceptionDetails")) {
      throw new IllegalStateException("the dashboard threw on " + expression + ": " + reply.path("exceptionDetails"));
    }
    return reply.path("result").path("value");
  }

  private static JsonNode await(CompletableFuture<JsonNode> reply) throws Exception {
    return reply.get(COMMAND_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    cdp.send("Browser.close", null);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      cdp.close();
    }
  }
}
