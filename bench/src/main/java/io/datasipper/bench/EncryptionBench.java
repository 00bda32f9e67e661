package io.datasipper.bench;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The store's ingest rate with and without encryption at rest, in the same run: the bench/query
 * traffic written through {@link EventStore#insert} in batches of 100 (the capture writer's) into
 * three stores, a plain one as this version makes it, a plain one without the full-text index (what
 * an encrypted store also leaves out, so that the cost of the cipher alone shows) and an encrypted
 * one. The stores take each round's events in turn, in a rotating order, so that a busy moment of
 * the shared machine weighs on each alike; only the inserts are timed. Writes
 * {@code bench/results/encryption-<date>.md}. Run it with {@code bench/encryption}
 * ({@code --events N --rounds R}).
 */
public final class EncryptionBench {
  private static final int BATCH = 100;

  enum Store {
    PLAIN("plain, with the full-text index (this version's default)"),
    PLAIN_NO_TEXT("plain, without the full-text index"),
    ENCRYPTED("encrypted (AES-256-GCM columns, keyed hashes, no full-text index)");

    final String description;

    Store(String description) {
      this.description = description;
    }
  }

  private EncryptionBench() {}

  public static void main(String[] args) throws Exception {
    long events = 300_000;
    int rounds = 30;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--events" -> events = Long.parseLong(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        default -> {
          System.err.println("bench/encryption: unknown option " + args[i] + "; use --events N --rounds R");
          System.exit(2);
        }
      }
    }
    String command = System.getProperty("bench.command", "bench/encryption " + String.join(" ", args));
    Path work = Files.createTempDirectory("datasipper-encryption-bench");
    try {
      run(work, events, rounds, command);
    } finally {
      BenchFiles.deleteTree(work);
    }
  }

  private static void run(Path work, long events, int rounds, String command) throws Exception {
    String loadAtStart = Proc.loadAverage();
    warmUp(work.resolve("warm-up"));
    Map<Store, EventStore> stores = new EnumMap<>(Store.class);
    Map<Store, long[]> nanos = new EnumMap<>(Store.class);
    try {
      for (Store s : Store.values()) {
        Path dir = work.resolve(s.name().toLowerCase(Locale.ROOT));
        stores.put(s, open(dir, s));
        nanos.put(s, new long[rounds]);
      }
      long perRound = events / rounds;
      for (int round = 0; round < rounds; round++) {
        List<List<CaptureEvent>> batches = batches(round * perRound + 1, (round + 1) * perRound);
        for (int i = 0; i < Store.values().length; i++) {
          Store s = Store.values()[(round + i) % Store.values().length];
          nanos.get(s)[round] = insert(stores.get(s), batches);
        }
        System.out.printf(Locale.ROOT, "round %d/%d: plain %.0f, no text %.0f, encrypted %.0f events/s%n", round + 1,
            rounds, rate(perRound, nanos.get(Store.PLAIN)[round]),
            rate(perRound, nanos.get(Store.PLAIN_NO_TEXT)[round]),
            rate(perRound, nanos.get(Store.ENCRYPTED)[round]));
      }
    } finally {
      for (EventStore s : stores.values()) {
        s.close();
      }
    }
    long perRound = events / rounds;
    StringBuilder md = new StringBuilder();
    md.append("# Store ingest with and without encryption at rest, ").append(LocalDate.now(ZoneOffset.UTC))
        .append("\n\n");
    md.append(String.format(Locale.ROOT, "%,d events of the bench/query traffic (HTTP exchanges with headers and"
        + " bodies under 1 KB, WebSocket frames, server-sent events) written through `EventStore.insert` in batches"
        + " of %d, as the capture's writer does, into three stores in the same JVM. In each of %d rounds the stores"
        + " take the round's %,d events in turn, in a rotating order (A/B/C, B/C/A, C/A/B...), so that the shared"
        + " machine's busy moments weigh on each alike; only the inserts are timed. Java %s, %d cores, load average"
        + " %s at the start and %s at the end.%n%n", rounds * perRound, BATCH, rounds, perRound, Runtime.version(),
        Runtime.getRuntime().availableProcessors(), loadAtStart, Proc.loadAverage()));
    md.append("Reproduce: `").append(command).append("`\n\n");
    md.append("| Store | Events/s (all rounds) | Median round | Size on disk MB | vs plain"
        + " | vs plain without the text index |\n");
    md.append("|---|---|---|---|---|---|\n");
    double plain = rate(rounds * perRound, Arrays.stream(nanos.get(Store.PLAIN)).sum());
    double noText = rate(rounds * perRound, Arrays.stream(nanos.get(Store.PLAIN_NO_TEXT)).sum());
    for (Store s : Store.values()) {
      double r = rate(rounds * perRound, Arrays.stream(nanos.get(s)).sum());
      md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %d | %.0f%% | %.0f%% |%n", s.description, r,
          median(perRound, nanos.get(s)), QueryIngest.sizeOf(work.resolve(s.name().toLowerCase(Locale.ROOT))) >> 20,
          100 * r / plain, 100 * r / noText));
    }
    md.append(String.format(Locale.ROOT, "%nPer round, the encrypted store's rate against the plain one's (same"
        + " round): min %.0f%%, median %.0f%%, max %.0f%%; against the plain one without the text index: min %.0f%%,"
        + " median %.0f%%, max %.0f%%.%n", 100 * ratios(Store.PLAIN, nanos)[0], 100 * ratios(Store.PLAIN, nanos)[1],
        100 * ratios(Store.PLAIN, nanos)[2], 100 * ratios(Store.PLAIN_NO_TEXT, nanos)[0],
        100 * ratios(Store.PLAIN_NO_TEXT, nanos)[1], 100 * ratios(Store.PLAIN_NO_TEXT, nanos)[2]));
    md.append("\nHow to read it: the target is an encrypted store at 70% or more of the plain store's rate. An"
        + " encrypted store keeps no full-text index (its words would be plain text), which a plain store pays"
        + " for on every insert; the comparison with the plain store without that index is the cost of sealing"
        + " the URL and JSON columns (AES-256-GCM) and hashing the host and tab (HMAC-SHA-256) alone.\n");
    Path out = BenchFiles.writeReport(Path.of("bench/results"), "encryption-" + LocalDate.now(ZoneOffset.UTC) + ".md",
        md.toString());
    System.out.println("report: " + out);
    System.out.printf(Locale.ROOT, "plain %.0f, no text %.0f, encrypted %.0f events/s%n", plain, noText,
        rate(rounds * perRound, Arrays.stream(nanos.get(Store.ENCRYPTED)).sum()));
  }

  private static EventStore open(Path dir, Store s) throws Exception {
    if (s == Store.ENCRYPTED) {
      return EventStore.open(dir, StoreKey.generate());
    }
    EventStore.open(dir).close();
    if (s == Store.PLAIN_NO_TEXT) {
      QueryIngest.dropTextIndex(dir.resolve(EventStore.FILE_NAME), QueryIngest.Schema.NO_TEXT);
    }
    return EventStore.open(dir);
  }

  /** Untimed: the JIT compiles the insert path, the cipher's included, before any round counts. */
  private static void warmUp(Path dir) throws Exception {
    for (Store s : Store.values()) {
      try (EventStore store = open(dir.resolve(s.name()), s)) {
        insert(store, batches(1, 20_000));
      }
    }
    BenchFiles.deleteTree(dir);
  }

  /** The encrypted store's rate over {@code base}'s, per round: min, median, max. */
  private static double[] ratios(Store base, Map<Store, long[]> nanos) {
    long[] b = nanos.get(base);
    long[] e = nanos.get(Store.ENCRYPTED);
    double[] r = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = (double) b[i] / e[i];
    }
    Arrays.sort(r);
    return new double[] {r[0], r[r.length / 2], r[r.length - 1]};
  }

  private static double median(long events, long[] roundNanos) {
    long[] sorted = roundNanos.clone();
    Arrays.sort(sorted);
    return rate(events, sorted[sorted.length / 2]);
  }

  private static double rate(long events, long nanos) {
    return events / (nanos / 1e9);
  }

  private static long insert(EventStore store, List<List<CaptureEvent>> batches) {
    long nanos = 0;
    for (List<CaptureEvent> batch : batches) {
      long start = System.nanoTime();
      store.insert(batch);
      nanos += System.nanoTime() - start;
    }
    return nanos;
  }

  private static List<List<CaptureEvent>> batches(long from, long to) {
    List<List<CaptureEvent>> batches = new ArrayList<>();
    List<CaptureEvent> batch = new ArrayList<>(BATCH);
    for (long seq = from; seq <= to; seq++) {
      batch.add(QueryTraffic.event(seq));
      if (batch.size() == BATCH || seq == to) {
        batches.add(batch);
        batch = new ArrayList<>(BATCH);
      }
    }
    return batches;
  }
}
