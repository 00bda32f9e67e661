package io.datasipper.bench;

import io.datasipper.capture.ChromiumLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long a page takes to load under DataSipper: a local page with 40 fetches, 10 images and 500
 * WebSocket frames, loaded in a new tab of each browser in turn, so all see the same load. Three
 * browsers: DataSipper capturing; Chromium with DataSipper's flags and no capture; Chromium with
 * Playwright's default flags. Then each flag on its own: DataSipper's flags without one of them, or
 * with one of Playwright's added, each against the no-capture browser loading in turn with it.
 * Writes {@code bench/results/pageload-<date>.md}. Run it with {@code bench/pageload}.
 */
public final class PageLoadBench {
  static final String USAGE = """
      Usage: bench/pageload [options]
        --loads N        timed loads of each of the three browsers (default 10)
        --flag-loads N   timed loads for each flag on its own (default 8; 0 skips the flags)
        --every-flag 1   measure every Playwright flag DataSipper lacks, not only those that change scheduling
      Environment: BENCH_FLAGS=a,b measures only the flag changes whose text contains a or b
      """;
  private static final long LOAD_TIMEOUT_SECONDS = 60;

  /** The page load times of one browser, in ms by the page's clock, and the browser's CPU ms for each load. */
  record Loads(String name, List<Double> ms, List<Double> cpuMs) {
    double median() {
      return StartupReport.median(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    double cpuMedian() {
      return StartupReport.median(cpuMs.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  /** One flag measured against the reference loading in turn with it. */
  record FlagResult(String change, Loads variant, Loads reference) {
    double ratio() {
      return variant.median() / reference.median();
    }

    double cpuRatio() {
      return variant.cpuMedian() / reference.cpuMedian();
    }
  }

  private final PageSite site;
  private int runs;

  private PageLoadBench(PageSite site) {
    this.site = site;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    BenchArgs a;
    try {
      a = BenchArgs.parse(args, USAGE, List.of(new BenchArgs.Option("loads", 10, 1, 50),
          new BenchArgs.Option("flag-loads", 8, 0, 20), new BenchArgs.Option("every-flag", 0, 0, 1)));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path chromium = ChromiumLocator.require();
    Path work = Files.createTempDirectory("datasipper-pageload-bench");
    String loadAtStart = Proc.loadAverage();
    try (PageSite site = new PageSite()) {
      PageLoadBench bench = new PageLoadBench(site);
      List<Loads> main;
      List<FlagResult> flags = new ArrayList<>();
      try (PageBrowser capturing = PageBrowser.capturing(chromium, work.resolve("capture"));
          PageBrowser ours = PageBrowser.plain(chromium, work.resolve("ours"), ChromiumFlags.DATASIPPER);
          PageBrowser playwright = PageBrowser.plain(chromium, work.resolve("playwright"), PlaywrightFlags.DEFAULT)) {
        main = bench.inTurn(a.getInt("loads"), List.of(capturing, ours, playwright),
            List.of("DataSipper, capturing", "DataSipper's flags, no capture", "Playwright's default flags"));
        System.err.println("tabs open after the loads: " + ours.openTabs() + " and " + playwright.openTabs());
        if (a.getInt("flag-loads") > 0) {
          List<FlagVariant> variants = FlagVariant.all(ChromiumFlags.DATASIPPER, PlaywrightFlags.DEFAULT,
              a.get("every-flag") == 1).stream().filter(PageLoadBench::chosen).toList();
          for (int i = 0; i < variants.size(); i++) {
            FlagVariant v = variants.get(i);
            try (PageBrowser variant = PageBrowser.plain(chromium, work.resolve("flag-" + i), v.flags())) {
              List<Loads> pair = bench.inTurn(a.getInt("flag-loads"), List.of(variant, ours),
                  List.of(v.change(), "DataSipper's flags, no capture"));
              flags.add(new FlagResult(v.change(), pair.get(0), pair.get(1)));
              System.err.printf(Locale.ROOT, "%s: %.2fx wall, %.2fx CPU%n", v.change(), flags.getLast().ratio(),
                  flags.getLast().cpuRatio());
            }
          }
        }
      }
      Path md = PageLoadReport.write(main, flags, loadAtStart, Path.of("bench", "results"));
      System.out.println("Report: " + md);
    } finally {
      BenchFiles.deleteTree(work);
    }
  }

  private static boolean chosen(FlagVariant v) {
    String only = System.getenv("BENCH_FLAGS");
    return only == null || only.isBlank() || java.util.Arrays.stream(only.split(",")).anyMatch(v.change()::contains);
  }

  /** Loads the page {@code loads} times in each browser, in turn, after one untimed load each. */
  private List<Loads> inTurn(int loads, List<PageBrowser> browsers, List<String> names) throws Exception {
    List<List<Double>> ms = new ArrayList<>();
    List<List<Double>> cpu = new ArrayList<>();
    browsers.forEach(b -> {
      ms.add(new ArrayList<>());
      cpu.add(new ArrayList<>());
    });
    for (int round = 0; round <= loads; round++) {
      for (int b = 0; b < browsers.size(); b++) {
        PageBrowser browser = browsers.get(b);
        double cpuBefore = browser.cpuSeconds();
        double t = load(browser);
        if (round > 0) {
          ms.get(b).add(t);
          cpu.get(b).add((browser.cpuSeconds() - cpuBefore) * 1000);
        }
      }
    }
    List<Loads> result = new ArrayList<>();
    for (int b = 0; b < browsers.size(); b++) {
      result.add(new Loads(names.get(b), List.copyOf(ms.get(b)), List.copyOf(cpu.get(b))));
    }
    return result;
  }

  private double load(PageBrowser browser) throws Exception {
    String run = "r" + runs++;
    browser.open(site.url(run));
    return site.loaded(run).get(LOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
