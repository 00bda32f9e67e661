package io.datasipper.bench;

import io.datasipper.server.LocalServer;
import io.datasipper.server.har.HarPart;
import io.datasipper.store.EventStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.LongStream;

/**
 * The HAR download ({@code POST /api/har}) of a store's newest events, as the dashboard's Download
 * HAR asks for its table's rows (the table keeps the newest 10,000), timed from request to last byte
 * on the client; against the raw read of the same rows' JSON with plain JDBC, in the same run.
 * Rounds alternate which goes first. Writes bench/results/har-&lt;date&gt;.md.
 */
public final class HarBench {
  private static final String USAGE = """
      usage: bench/har [--events N] [--seqs N] [--rounds N]
        --events N   events in the store (default 100000)
        --seqs N     the newest N of them in each download (default 10000)
        --rounds N   timed downloads and raw reads, after 3 untimed ones (default 10)
      """;
  private static final int WARM_UP = 3;

  private HarBench() {}

  public static void main(String[] args) throws Exception {
    BenchArgs a = BenchArgs.parse(args, USAGE, List.of(
        new BenchArgs.Option("events", 100_000, 1_000, 10_000_000),
        new BenchArgs.Option("seqs", 10_000, 100, 100_000),
        new BenchArgs.Option("rounds", 10, 3, 1_000)));
    long events = a.get("events");
    long seqs = Math.min(a.get("seqs"), events);
    int rounds = a.getInt("rounds");
    String loadAtStart = Proc.loadAverage();
    Path work = Files.createTempDirectory("har-bench");
    try {
      QueryIngest.fill(work, 1, events, 1000);
      long first = events - seqs + 1;
      List<Timing> har = new ArrayList<>();
      List<Timing> raw = new ArrayList<>();
      List<Timing> parsed = new ArrayList<>();
      long[] seqList = LongStream.rangeClosed(first, events).toArray();
      try (EventStore store = EventStore.open(work);
          LocalServer server = LocalServer.start(0, List.of(new HarPart(store, work)))) {
        HttpRequest request = harRequest(server, seqList);
        HttpClient client = HttpClient.newHttpClient();
        for (int round = 0; round < WARM_UP + rounds; round++) {
          boolean timed = round >= WARM_UP;
          // Each goes first in every third round: the page cache and the JIT favour those after it.
          for (int turn = 0; turn < 3; turn++) {
            switch ((round + turn) % 3) {
              case 0 -> keep(timed, har, download(client, request));
              case 1 -> keep(timed, raw, rawRead(work, first, events));
              default -> keep(timed, parsed, readAndParse(store, seqList));
            }
          }
          if (timed) {
            System.out.printf(Locale.ROOT, "round %2d: HAR %6.0f ms (%,d bytes)   read and parsed %6.0f ms   raw read %6.0f ms%n",
                har.size(), har.getLast().ms(), har.getLast().amount(), parsed.getLast().ms(), raw.getLast().ms());
          }
        }
      }
      String md = report(events, seqs, rounds, har, parsed, raw, loadAtStart);
      Path out = BenchFiles.writeReport(Path.of("bench/results"), "har-" + LocalDate.now(ZoneOffset.UTC) + ".md", md);
      System.out.print(md);
      System.out.println("Report: " + out);
    } finally {
      BenchFiles.deleteTree(work);
    }
  }

  private static HttpRequest harRequest(LocalServer server, long[] seqs) {
    StringJoiner body = new StringJoiner(",", "{\"seqs\":[", "]}");
    for (long seq : seqs) {
      body.add(Long.toString(seq));
    }
    return HttpRequest.newBuilder(URI.create(server.address() + "/api/har"))
        .header("Authorization", "Bearer " + server.token())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  private static Timing download(HttpClient client, HttpRequest request) throws Exception {
    long start = System.nanoTime();
    HttpResponse<InputStream> res = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    long bytes;
    try (InputStream in = res.body()) {
      bytes = in.transferTo(OutputStream.nullOutputStream());
    }
    long nanos = System.nanoTime() - start;
    if (res.statusCode() != 200 || !"0".equals(res.headers().firstValue(HarPart.MISSING_HEADER).orElse(""))) {
      throw new IllegalStateException("the download was refused or incomplete: status " + res.statusCode()
          + ", missing " + res.headers().firstValue(HarPart.MISSING_HEADER).orElse("?"));
    }
    return new Timing(nanos, bytes);
  }

  /** The floor: the same rows' JSON read on a connection of its own, as the store reads them, nothing parsed. */
  private static Timing rawRead(Path dir, long first, long last) throws SQLException {
    long start = System.nanoTime();
    long chars = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(EventStore.FILE_NAME));
        PreparedStatement s = c.prepareStatement("SELECT json FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq")) {
      s.setLong(1, first);
      s.setLong(2, last);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          chars += rows.getString(1).length();
        }
      }
    }
    return new Timing(System.nanoTime() - start, chars);
  }

  /** The store's own read of the same events by seq, each parsed into its event: what the HAR is made from. */
  private static Timing readAndParse(EventStore store, long[] seqs) {
    long start = System.nanoTime();
    long[] count = {0};
    store.events(seqs, stored -> {
      if (stored.event() != null) {
        count[0]++;
      }
    });
    return new Timing(System.nanoTime() - start, count[0]);
  }

  private static void keep(boolean timed, List<Timing> timings, Timing t) {
    if (timed) {
      timings.add(t);
    }
  }

  private static String report(long events, long seqs, int rounds, List<Timing> har, List<Timing> parsed, List<Timing> raw,
      String loadAtStart) {
    double harMs = Timing.medianMs(har);
    double parsedMs = Timing.medianMs(parsed);
    double rawMs = Timing.medianMs(raw);
    StringBuilder md = new StringBuilder(BenchFiles.reportHeading("HAR download", "bench/har", loadAtStart));
    md.append(String.format(Locale.ROOT, """
        A store of %,d events (the events query bench's traffic: HTTP exchanges with JSON bodies, WebSocket \
        frames, SSE messages); `POST /api/har` with the seqs of the newest %,d, as the dashboard's Download \
        HAR asks for the rows of its table, timed from the request to the last byte of the HAR on the client \
        (java.net.http); *read and parsed* is the store's own read of those events by seq, each parsed into \
        its event, as the download reads them before it writes; the raw read is the same rows' JSON \
        selected with plain JDBC on a connection of its own, nothing parsed or written. %d untimed \
        rounds, then %d timed; each of the three goes first in every third round.%n%n""",
        events, seqs, WARM_UP, rounds));
    md.append("| Round | HAR download ms | HAR bytes | Read and parsed ms | Events | Raw read ms | JSON characters |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < har.size(); i++) {
      md.append(String.format(Locale.ROOT, "| %d | %.0f | %,d | %.0f | %,d | %.0f | %,d |%n", i + 1, har.get(i).ms(),
          har.get(i).amount(), parsed.get(i).ms(), parsed.get(i).amount(), raw.get(i).ms(), raw.get(i).amount()));
    }
    md.append(String.format(Locale.ROOT, "%nMedians: the HAR download %.0f ms (%,.0f events/s), read and parsed %.0f ms,"
        + " the raw read %.0f ms: the download takes %.1f times the raw read and %.1f times the read and parse.%n",
        harMs, seqs / (harMs / 1000), parsedMs, rawMs, harMs / rawMs, harMs / parsedMs));
    return md.toString();
  }
}
