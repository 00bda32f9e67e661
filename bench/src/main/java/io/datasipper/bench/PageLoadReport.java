package io.datasipper.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The markdown report of {@link PageLoadBench}. */
final class PageLoadReport {
  private PageLoadReport() {}

  static Path write(List<PageLoadBench.Loads> main, List<PageLoadBench.FlagResult> flags, String loadAtStart, Path dir)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Page load under DataSipper, ").append(LocalDate.now()).append("\n\n");
    md.append("A local page makes ").append(PageSite.FETCHES).append(" fetches, loads ").append(PageSite.IMAGES)
        .append(" images and reads ").append(PageSite.FRAMES).append(" WebSocket frames at once; its load time is the"
            + " page's own `performance.now()` when all are done. Each load opens a new tab; the browsers load in"
            + " turn, so they share the machine's load, after one untimed load each. Every browser is headless"
            + " Chromium over the pipe with the hermetic host rules. Playwright's flags are written out in"
            + " `PlaywrightFlags`.\n\n");
    String only = System.getenv("BENCH_FLAGS");
    md.append("Reproduce: `").append(only == null || only.isBlank() ? "" : "BENCH_FLAGS=\"" + only + "\" ")
        .append(System.getProperty("bench.command", "bench/pageload")).append("`. Load average at start ")
        .append(loadAtStart).append(", at the end ")
        .append(Proc.loadAverage()).append(" on ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores.\n\n");
    md.append("## The three browsers\n\n*Wall* is the page's load time; *CPU* is what the browser's processes"
        + " used from opening the tab until the page reported, which a busy machine does not stretch.\n\n"
        + "| Browser | Wall median ms | CPU median ms | Wall per load (ms) | CPU per load (ms) |\n|---|---|---|---|---|\n");
    for (PageLoadBench.Loads l : main) {
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s |%n", l.name(), l.median(), l.cpuMedian(),
          list(l.ms()), list(l.cpuMs())));
    }
    double capture = main.get(0).median();
    double ours = main.get(1).median();
    double playwright = main.get(2).median();
    double captureCpu = main.get(0).cpuMedian();
    double oursCpu = main.get(1).cpuMedian();
    double playwrightCpu = main.get(2).cpuMedian();
    md.append(String.format(Locale.ROOT, "%n| Ratio of the medians | Wall | CPU |%n|---|---|---|%n"
        + "| capturing / same flags without capture | %.2fx | %.2fx |%n"
        + "| DataSipper's flags / Playwright's flags (no capture) | %.2fx | %.2fx |%n"
        + "| capturing / Playwright's flags | %.2fx | %.2fx |%n%n", capture / ours, captureCpu / oursCpu,
        ours / playwright, oursCpu / playwrightCpu, capture / playwright, captureCpu / playwrightCpu));
    if (!flags.isEmpty()) {
      md.append("## Each flag on its own\n\nDataSipper's flags (no capture) with one change, loading in turn with"
          + " DataSipper's flags unchanged; ratios of the medians, above 1 is slower. Sorted by the CPU ratio.\n\n");
      md.append("| Change | Wall ratio | CPU ratio | Wall median ms | Unchanged wall median ms | CPU median ms |"
          + " Unchanged CPU median ms |\n|---|---|---|---|---|---|---|\n");
      for (PageLoadBench.FlagResult f : flags.stream()
          .sorted(Comparator.comparingDouble(PageLoadBench.FlagResult::cpuRatio)).toList()) {
        md.append(String.format(Locale.ROOT, "| `%s` | %.2fx | %.2fx | %.0f | %.0f | %.0f | %.0f |%n", f.change(),
            f.ratio(), f.cpuRatio(), f.variant().median(), f.reference().median(), f.variant().cpuMedian(),
            f.reference().cpuMedian()));
      }
    }
    System.out.print(md);
    return BenchFiles.writeReport(dir, "pageload-" + LocalDate.now() + ".md", md.toString());
  }

  private static String list(List<Double> ms) {
    return ms.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).collect(Collectors.joining(", "));
  }
}
