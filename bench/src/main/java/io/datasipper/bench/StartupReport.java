package io.datasipper.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The markdown report of {@link StartupBench}: medians, the target, and every run. */
final class StartupReport {
  static final double TARGET_SECONDS = 0.5;

  private StartupReport() {}

  static Path write(int runs, List<StartupBench.Start> bare, List<StartupBench.Start> sip, List<String> loads,
      String loadAtStart, String jvmFlags, String label, Path dir) throws IOException {
    String name = "startup-" + LocalDate.now() + (label == null || label.isBlank() ? "" : "-" + label) + ".md";
    double bareMedian = median(bare.stream().mapToDouble(StartupBench.Start::toRequest).toArray());
    double sipBrowser = median(sip.stream().mapToDouble(StartupBench.Start::toBrowser).toArray());
    double sipRequest = median(sip.stream().mapToDouble(StartupBench.Start::toRequest).toArray());
    double sipEvent = median(sip.stream().mapToDouble(StartupBench.Start::toFirstEvent).toArray());
    StringBuilder md = new StringBuilder();
    md.append("# Start-up: `sip` against a bare Chromium, ").append(LocalDate.now())
        .append(label == null || label.isBlank() ? "" : " (" + label + ")").append("\n\n");
    md.append("From starting the command to the local page's first request, ").append(runs).append(" runs each,"
        + " alternating. *Bare* is headless Chromium with DataSipper's flags and the page's URL on its command line;"
        + " *sip* is `datasipper sip URL` run by java as `bin/datasipper` runs it, for which the first event in"
        + " its store is timed too (polled every 10 ms). Both keep their profile (and the JVM its class-data"
        + " archive) across runs, after one warm-up run each.\n\n");
    md.append("Reproduce: `bench/startup`. Jar: `").append(System.getenv("DS_JAR")).append("`. JVM flags: `").append(jvmFlags == null ? "" : jvmFlags.trim())
        .append("`. Load average at start ").append(loadAtStart).append(" on ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores (column Load).\n\n");
    md.append("## Medians\n\n| Figure | Seconds |\n|---|---|\n");
    row(md, "bare Chromium: first request for the page", bareMedian);
    row(md, "sip: its browser's profile locked (the JVM's start-up, then Chromium's first steps)", sipBrowser);
    row(md, "sip: first request for the page", sipRequest);
    row(md, "sip: first captured event stored", sipEvent);
    row(md, "sip's first event after bare's first request", sipEvent - bareMedian);
    md.append(String.format(Locale.ROOT, "| target: within %.1f s | **%s** |%n%n", TARGET_SECONDS,
        sipEvent - bareMedian <= TARGET_SECONDS ? "PASS" : "FAIL"));
    md.append("## Runs\n\n| Run | Bare: request s | Sip: profile locked s | Sip: request s | Sip: first event s | Load |\n"
        + "|---|---|---|---|---|---|\n");
    for (int i = 0; i < bare.size(); i++) {
      md.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f | %s |%n", i + 1, bare.get(i).toRequest(),
          sip.get(i).toBrowser(), sip.get(i).toRequest(), sip.get(i).toFirstEvent(), loads.get(i)));
    }
    System.out.print(md);
    return BenchFiles.writeReport(dir, name, md.toString());
  }

  private static void row(StringBuilder md, String what, double seconds) {
    md.append(String.format(Locale.ROOT, "| %s | %.3f |%n", what, seconds));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
