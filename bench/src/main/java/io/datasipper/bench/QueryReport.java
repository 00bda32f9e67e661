package io.datasipper.bench;

import io.datasipper.bench.QueryBench.Kind;
import io.datasipper.bench.QueryBench.Probe;
import io.datasipper.bench.QueryBench.QueryTimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The markdown report of {@link QueryBench}. */
final class QueryReport {
  private QueryReport() {}

  static String markdown(long events, int rounds, int batch, int page, double targetMs, double searchTargetMs,
      List<QueryIngest.Result> ingest,
      long storedBytes, List<Kind> kinds, List<Probe> probes, QueryTimes times, long migrationNanos) throws IOException {
    StringBuilder md = new StringBuilder();
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    md.append("# Events query, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
    md.append(String.format(Locale.ROOT,
        "`GET /api/events` over a store of %,d events (%d MB: %s), pages of %d, newest first, through the local server"
            + " on 127.0.0.1, timed from request to last byte by a client in the same JVM. %d timed requests per kind"
            + " and depth, round-robin over all of them, after 3 untimed rounds. Depths: `first` page, `middle`"
            + " (before seq %,d), `last` (the page holding the kind's 50 oldest events). Java %s, %d cores, load"
            + " average %s at the end.%n%n",
        events, storedBytes >> 20, "http 40%, ws_frame 45%, sse 13%, ws_open/ws_close 2%, 5 hosts, 3 tabs",
        page, rounds, events / 2, Runtime.version(), Runtime.getRuntime().availableProcessors(), load));
    md.append("Reproduce: `").append(System.getProperty("bench.command", "bench/query")).append("`\n\n");
    md.append("A filter that one index answers whole (one host, type, method, tab or status; a search alone) reads"
        + " just the page from it. Otherwise a page examines windows of candidates: 20,000 rows of the keys table"
        + " walked by seq (a time range skipping the blocks of 1,024 seqs whose times lie outside it), or 5,000"
        + " entries of one equality's index or of a search's full-text matches, or all the entries of a status or"
        + " time range's index when there are at most 10,000; when a stream's rules run in Java, also at most 15 ms"
        + " of reading and testing events. A window without a match is passed over for the next, so a page is never"
        + " empty while more events match; a page can come back short with a `next` cursor: the `events` columns say"
        + " how many the timed page held, `+` when it had a `next`. Targets: p99 ≤ " + (int) targetMs + " ms, ≤ "
        + (int) searchTargetMs + " ms for a search.\n\n");
    md.append("| Kind | Query | p50 ms | p99 ms | p99 on target | first: events, p50/p99 |"
        + " middle: events, p50/p99 | last: events, p50/p99 |\n|---|---|---|---|---|---|---|---|\n");
    for (Kind k : kinds) {
      long[] all = new long[0];
      StringBuilder depths = new StringBuilder();
      for (String depth : List.of("first", "middle", "last")) {
        int i = indexOf(probes, k, depth);
        if (i < 0) {
          depths.append(" – |");
          continue;
        }
        LatencyStats s = LatencyStats.of(times.nanos[i], times.rounds);
        all = concat(all, times.nanos[i]);
        depths.append(String.format(Locale.ROOT, " %d%s, %.1f/%.1f |", times.eventsPerPage[i],
            times.hasNext[i] ? "+" : "", s.p50Ms(), s.p99Ms()));
      }
      LatencyStats s = LatencyStats.of(all, all.length);
      md.append(String.format(Locale.ROOT, "| %s | `%s` | %.1f | %.1f | %s |%s%n", k.name(),
          k.query().isEmpty() ? "(none)" : k.query(), s.p50Ms(), s.p99Ms(), s.p99Ms() <= (k.filter().search() == null ? targetMs : searchTargetMs) ? "yes" : "**no**",
          depths));
    }
    {
      md.append(String.format(Locale.ROOT, "%n## What the filter columns cost the store's writes%n%n"
          + "`EventStore.insert` (`append` for the capture's row) of the same %,d events in batches of %d (the capture's"
          + " writer commits every 10 ms: batches of 50 at 5,000 events/s), into one store per schema, the stores taking"
          + " each 20,000 events in turn in a rotating order, after an untimed warm-up store. Only the inserts are"
          + " timed: the events are made outside, their JSON is written inside, as in the store.%n%n"
          + "| Schema | events/s | vs events only | store size MB |%n|---|---|---|---|%n",
          ingest.getFirst().events(), batch));
      double base = ingest.getFirst().eventsPerSecond();
      for (QueryIngest.Result r : ingest) {
        md.append(String.format(Locale.ROOT, "| %s | %,.0f | %+.0f%% | %d |%n", r.schema().description,
            r.eventsPerSecond(), (r.eventsPerSecond() / base - 1) * 100, r.bytes() >> 20));
      }
    }
    md.append(String.format(Locale.ROOT, "%n## Opening a store written before the full-text index%n%n"
        + "The same store of %,d events made a schema-4 store (the text index and time spans dropped), then opened:"
        + " the migration indexes the URLs and text bodies of the stored events' JSON, in %.1f s, once.%n",
        events, migrationNanos / 1e9));
    return md.toString();
  }

  private static int indexOf(List<Probe> probes, Kind k, String depth) {
    for (int i = 0; i < probes.size(); i++) {
      if (probes.get(i).kind() == k && probes.get(i).depth().equals(depth)) {
        return i;
      }
    }
    return -1;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
