package io.datasipper.bench;

import io.datasipper.capture.ChromiumLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a browser benchmark's {@code main} does around its own work: quiet logging, its options
 * parsed (a bad one exits with status 2 and the usage), Chromium found, and a work directory made
 * for the run and removed after it, whatever happened.
 */
final class BenchMain {
  /** The benchmark's own work: returns the report it wrote. */
  interface Body {
    Path run(BenchArgs args, Path chromium, Path work) throws Exception;
  }

  private BenchMain() {}

  /** @param name the benchmark's name, as in {@code bench/NAME}: names its work directory */
  static void run(String name, String[] args, String usage, List<BenchArgs.Option> options, Body body)
      throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    BenchArgs parsed;
    try {
      parsed = BenchArgs.parse(args, usage, options);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path chromium = ChromiumLocator.require();
    Path work = Files.createTempDirectory("datasipper-" + name + "-bench");
    try {
      Path md = body.run(parsed, chromium, work);
      System.out.println("Report: " + md);
    } finally {
      BenchFiles.deleteTree(work);
    }
  }
}
