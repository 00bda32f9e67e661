package io.datasipper.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What one benchmark run measures. Every figure is bounded, so a typo cannot start an endless run.
 *
 * @param rates the fixed rates (frames/s) each reader is measured at, for {@code seconds} each
 * @param rampRates the rising rates of the ramp that finds the sustainable rate, {@code rampSeconds} each
 * @param warmupSeconds unjudged sending before the first measured step of every browser launch
 * @param jitWarmupSeconds how long each reader runs once, unjudged, before any phase is measured
 * @param payloadBytes the length of each frame's text
 * @param readers the readers measured, each at every rate
 * @param outDir where the report goes
 * @param command how the run was started, for the report
 */
record BenchOptions(
    List<Integer> rates,
    int seconds,
    List<Integer> rampRates,
    int rampSeconds,
    int warmupSeconds,
    int jitWarmupSeconds,
    int payloadBytes,
    Path chromium,
    List<FrameReader.Kind> readers,
    Path outDir,
    String command) {

  static final int MAX_RATE = 50_000;
  static final int MAX_SECONDS = 600;

  static final String USAGE = """
      Usage: bench/capture [options]
        --rates R1,R2,...      fixed rates in frames/s (default 1000,5000)
        --seconds N            seconds per fixed rate (default 20)
        --ramp R1,R2,...       rising rates for the sustainable-rate ramp (default 2000,3000,...,12000; 'none' skips it)
        --ramp-seconds N       seconds per ramp step (default 10)
        --warmup-seconds N     unjudged warm-up after each browser launch (default 3)
        --jit-warmup-seconds N each reader runs once, unjudged, before any is measured (default 10; 0: none)
        --payload-bytes N      length of each frame's text (default 128)
        --chromium PATH        the Chromium binary (default: DATASIPPER_CHROMIUM or Debian's)
        --out DIR              where capture-<date>.md and .json go (default bench/results)
        --compare-redaction    also measure DataSipper with keep_secrets (no redaction), to see what redaction costs
      """;

  static BenchOptions parse(String[] args, Path defaultChromium, String command) {
    List<Integer> rates = List.of(1_000, 5_000);
    int seconds = 20;
    // From well below the bare reader's measured ceiling (7.5-10.5k/s) to above it, in steps of 1k:
    // the step is the resolution of the sustainable rate. A ramp stops at its first failing step.
    List<Integer> ramp = IntStream.rangeClosed(2, 12).map(k -> k * 1_000).boxed().toList();
    int rampSeconds = 10;
    int warmup = 3;
    int jitWarmup = 10;
    int payload = 128;
    Path chromium = defaultChromium;
    Path out = Path.of("bench", "results");
    List<FrameReader.Kind> readers = List.of(FrameReader.Kind.BARE, FrameReader.Kind.DATASIPPER);
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (name.equals("--compare-redaction")) {
        readers = List.of(FrameReader.Kind.values());
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + name + "\n" + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--rates" -> rates = rateList(name, value);
        case "--seconds" -> seconds = bounded(name, value, 1, MAX_SECONDS);
        case "--ramp" -> ramp = value.equals("none") ? List.of() : rateList(name, value);
        case "--ramp-seconds" -> rampSeconds = bounded(name, value, 1, MAX_SECONDS);
        case "--warmup-seconds" -> warmup = bounded(name, value, 0, 60);
        case "--jit-warmup-seconds" -> jitWarmup = bounded(name, value, 0, 120);
        case "--payload-bytes" -> payload = bounded(name, value, FramePayload.MIN_BYTES, 1 << 20);
        case "--chromium" -> chromium = Path.of(value);
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    if (chromium == null) {
      throw new IllegalArgumentException("Chromium not found: install it (apt-get install -y chromium) or pass --chromium");
    }
    return new BenchOptions(rates, seconds, ramp, rampSeconds, warmup, jitWarmup, payload, chromium, readers, out,
        command);
  }

  private static List<Integer> rateList(String name, String value) {
    List<Integer> rates = new ArrayList<>();
    for (String part : value.split(",")) {
      rates.add(bounded(name, part.trim(), 1, MAX_RATE));
    }
    if (rates.isEmpty()) {
      throw new IllegalArgumentException(name + " needs at least one rate");
    }
    return List.copyOf(rates);
  }

  private static int bounded(String name, String value, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a whole number, not '" + value + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + n);
    }
    return n;
  }
}
