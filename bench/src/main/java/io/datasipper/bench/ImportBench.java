package io.datasipper.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.json.EventJson;
import io.datasipper.capture.redact.RedactRules;
import io.datasipper.capture.redact.Redactor;
import io.datasipper.export.HarReader;
import io.datasipper.export.HarWriter;
import io.datasipper.store.EventStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;
import org.sqlite.SQLiteConfig;

/**
 * {@code datasipper import har} of a HAR file as DataSipper exports it: the file read entry by entry
 * into events, each redacted by the default rules and stored in a fresh store in one transaction, as
 * the command does; against the floor in the same run: the same file's entries parsed into JSON trees
 * by the same parser, each entry's JSON inserted as a row into a fresh SQLite file with plain JDBC in
 * one transaction, on the store's journal settings. The same file gzipped is imported too, as
 * {@code import har} reads a {@code .har.gz}. Rounds turn which goes first. Writes
 * bench/results/import-&lt;date&gt;.md.
 */
public final class ImportBench {
  private static final String USAGE = """
      usage: bench/import [--events N] [--rounds N]
        --events N   events in the store the HAR file is exported from (default 100000)
        --rounds N   timed imports and raw loads, after 2 untimed ones (default 6)
      """;
  private static final int WARM_UP = 2;
  private static final int RAW_BATCH = 500;

  /** The timed rounds: the import of the file, of the same file gzipped, and the raw load. */
  private record Runs(List<Timing> imports, List<Timing> gzippedImports, List<Timing> raw) {}

  private record HarSizes(long plain, long gzipped) {}

  /** Events by type: in the store the file was exported from, and stored by each import. */
  private record TypeCounts(Map<String, Long> exported, Map<String, Long> imported, Map<String, Long> gzipped) {}

  private ImportBench() {}

  public static void main(String[] args) throws Exception {
    BenchArgs a = BenchArgs.parse(args, USAGE, List.of(
        new BenchArgs.Option("events", 100_000, 1_000, 10_000_000),
        new BenchArgs.Option("rounds", 6, 3, 1_000)));
    long events = a.get("events");
    int rounds = a.getInt("rounds");
    String loadAtStart = Proc.loadAverage();
    Path work = Files.createTempDirectory("import-bench");
    try {
      Path storeDir = work.resolve("exported");
      QueryIngest.fill(storeDir, 1, events, 1000);
      Map<String, Long> exportedTypes = typeCounts(storeDir);
      Path har = exportHar(storeDir, work.resolve("capture.har"), events);
      Path gzipped = gzip(har, work.resolve("capture.har.gz"));
      BenchFiles.deleteTree(storeDir);
      Map<String, Long> importedTypes = null;
      Map<String, Long> gzippedTypes = null;
      Runs runs = new Runs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int round = 0; round < WARM_UP + rounds; round++) {
        boolean timed = round >= WARM_UP;
        // Each goes first in every third round: the page cache and the JIT favour the ones after.
        for (int turn = 0; turn < 3; turn++) {
          int kind = (round + turn) % 3;
          Path dir = Files.createTempDirectory(work, "round-"); // private, as a data directory should be
          Timing t = switch (kind) {
            case 0 -> importHar(har, dir);
            case 1 -> importHar(gzipped, dir);
            default -> rawLoad(har, dir);
          };
          if (timed) {
            (kind == 0 ? runs.imports() : kind == 1 ? runs.gzippedImports() : runs.raw()).add(t);
          }
          if (importedTypes == null && kind == 0) {
            importedTypes = typeCounts(dir);
          }
          if (gzippedTypes == null && kind == 1) {
            gzippedTypes = typeCounts(dir);
          }
          BenchFiles.deleteTree(dir);
        }
        if (timed) {
          System.out.printf(Locale.ROOT, "round %2d: import %6.0f ms (%,d events)   gzipped %6.0f ms (%,d events)"
              + "   raw load %6.0f ms (%,d entries)%n", runs.imports().size(), runs.imports().getLast().ms(),
              runs.imports().getLast().amount(), runs.gzippedImports().getLast().ms(),
              runs.gzippedImports().getLast().amount(), runs.raw().getLast().ms(), runs.raw().getLast().amount());
        }
      }
      String md = report(events, new HarSizes(Files.size(har), Files.size(gzipped)), rounds, runs,
          new TypeCounts(exportedTypes, importedTypes, gzippedTypes), loadAtStart);
      Path out = BenchFiles.writeReport(Path.of("bench/results"), "import-" + LocalDate.now(ZoneOffset.UTC) + ".md", md);
      System.out.print(md);
      System.out.println("Report: " + out);
    } finally {
      BenchFiles.deleteTree(work);
    }
  }

  /** The store's events, exported as {@code export har} writes them. */
  private static Path exportHar(Path storeDir, Path file, long events) throws Exception {
    try (EventStore store = EventStore.open(storeDir);
        HarWriter har = HarWriter.create(file.getParent());
        OutputStream out = Files.newOutputStream(file)) {
      store.events(LongStream.rangeClosed(1, events).toArray(), stored -> har.add(stored.event()));
      har.writeTo(out);
    }
    return file;
  }

  /** The file gzipped, as {@code export har -o FILE.gz} writes it. */
  private static Path gzip(Path har, Path file) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
      Files.copy(har, out);
    }
    return file;
  }

  /** How many events of each type a closed store holds. */
  private static Map<String, Long> typeCounts(Path storeDir) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + storeDir.resolve(EventStore.FILE_NAME));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT type, count(*) FROM events GROUP BY type")) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  /** What {@code import har} does with the file, but for its progress bar and its lock. */
  private static Timing importHar(Path har, Path dir) throws Exception {
    Redactor redactor = Redactor.of(RedactRules.DEFAULTS);
    long start = System.nanoTime();
    long stored;
    try (EventStore store = EventStore.open(dir)) {
      EventStamps stamps = new EventStamps(store.nextSeq(), "bench");
      stored = store.insertAll(sink -> {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(har), 1 << 16)) {
          new HarReader(stamps, har.toString()).read(in, e -> sink.accept(redactor.event(e)));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + har, e);
        }
      });
    }
    return new Timing(System.nanoTime() - start, stored);
  }

  /** The floor: every entry parsed as JSON and its text stored as a row, nothing made of it. */
  private static Timing rawLoad(Path har, Path dir) throws Exception {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    long start = System.nanoTime();
    long entries = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"), config.toProperties());
        InputStream in = new BufferedInputStream(Files.newInputStream(har), 1 << 16);
        JsonParser p = EventJson.mapper().getFactory().createParser(in)) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE entries (seq INTEGER PRIMARY KEY, json TEXT NOT NULL)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO entries (seq, json) VALUES (?, ?)")) {
        toEntries(p);
        while (p.nextToken() == JsonToken.START_OBJECT) {
          JsonNode entry = p.readValueAsTree();
          insert.setLong(1, ++entries);
          insert.setString(2, entry.toString());
          insert.addBatch();
          if (entries % RAW_BATCH == 0) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      c.commit();
    }
    return new Timing(System.nanoTime() - start, entries);
  }

  /** Moves the parser to the start of {@code log.entries}. */
  private static void toEntries(JsonParser p) throws IOException {
    while (p.nextToken() != null) {
      if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("entries")
          && p.getParsingContext().getParent().inObject()) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
          throw new IllegalStateException("log.entries is not an array");
        }
        return;
      }
    }
    throw new IllegalStateException("no log.entries in the exported file");
  }

  private static String report(long events, HarSizes sizes, int rounds, Runs runs, TypeCounts types,
      String loadAtStart) {
    double importMs = Timing.medianMs(runs.imports());
    double gzippedMs = Timing.medianMs(runs.gzippedImports());
    double rawMs = Timing.medianMs(runs.raw());
    long imported = runs.imports().getFirst().amount();
    StringBuilder md = new StringBuilder(BenchFiles.reportHeading("HAR import", "bench/import", loadAtStart));
    md.append(String.format(Locale.ROOT, """
        A HAR file of %,d bytes: a store of %,d events (the events query bench's traffic: HTTP exchanges \
        with JSON bodies, WebSocket frames, SSE messages) exported as `export har` writes it. The import \
        is what `import har` does with it: the file read entry by entry into events, each redacted by the \
        default rules and stored in a fresh store in one transaction, timed from opening the store to \
        closing it; the gzipped import the same of the file gzipped (%,d bytes), as `import har` reads a \
        `.har.gz`. The raw load is the floor: the same entries parsed into JSON trees by the same parser \
        and each entry's JSON inserted as a row into a fresh SQLite file with plain JDBC, in one \
        transaction on the store's journal settings; nothing made of them, no index. %d untimed rounds, \
        then %d timed; each goes first in every third round.%n%n""",
        sizes.plain(), events, sizes.gzipped(), WARM_UP, rounds));
    md.append("| Round | Import ms | Events stored | Gzipped import ms | Events stored | Raw load ms | Entries stored |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < runs.imports().size(); i++) {
      Timing plain = runs.imports().get(i);
      Timing gzipped = runs.gzippedImports().get(i);
      Timing raw = runs.raw().get(i);
      md.append(String.format(Locale.ROOT, "| %d | %.0f | %,d | %.0f | %,d | %.0f | %,d |%n", i + 1, plain.ms(),
          plain.amount(), gzipped.ms(), gzipped.amount(), raw.ms(), raw.amount()));
    }
    md.append(String.format(Locale.ROOT, "%nMedians: the import %.0f ms (%,.0f events/s, %.1f MB/s of HAR), the raw"
        + " load %.0f ms: the import takes %.1f times the raw load. The gzipped import %.0f ms: %.2f times the"
        + " import, from a file %.1f times smaller.%n",
        importMs, imported / (importMs / 1000), sizes.plain() / 1e6 / (importMs / 1000), rawMs, importMs / rawMs,
        gzippedMs, gzippedMs / importMs, (double) sizes.plain() / sizes.gzipped()));
    md.append("\n| Event type | In the exported store | Imported | Imported from the gzipped file |\n|---|---:|---:|---:|\n");
    Set<String> names = new TreeSet<>(types.exported().keySet());
    names.addAll(types.imported().keySet());
    names.addAll(types.gzipped().keySet());
    for (String type : names) {
      md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d |%n", type, types.exported().getOrDefault(type, 0L),
          types.imported().getOrDefault(type, 0L), types.gzipped().getOrDefault(type, 0L)));
    }
    return md.toString();
  }
}
