package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.export.HarWriter;
import io.datasipper.export.SampleCapture;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datasipper import har}: files recorded elsewhere become events that the streams deliver. */
class ImportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PLAYWRIGHT_HAR = Path.of("../export/src/test/har/fixtures/playwright-chromium.har");

  @TempDir Path dir;

  @Test
  void importedEventsAreStoredMarkedWithTheirFileAndDelivered() throws Exception {
    Path data = dir.resolve("data");
    Path own = exportOfSample();
    Path out = dir.resolve("out/events.jsonl");
    Files.createDirectories(data);
    Files.writeString(data.resolve("datasipper.yaml"), """
        streams:
          - name: exchanges
            conditions: [{field: type, operator: equals, value: http}]
            outputs: [file]
        outputs:
          file: {type: file, path: %s, start_from: earliest}
        """.formatted(out));

    CliRunner imported = CliRunner.run("import", "har", own.toString(), PLAYWRIGHT_HAR.toString(),
        "--data-dir", data.toString(), "--node", "laptop-7");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).matches("imported \\d+ events \\(\\d+ http, \\d+ sse, \\d+ ws_close, \\d+ ws_error,"
        + " \\d+ ws_frame, \\d+ ws_open\\) from 2 files into " + data + "\n");
    CliRunner delivered = CliRunner.run("deliver", "--data-dir", data.toString());
    assertThat(delivered.exitCode()).as(delivered.err()).isZero();

    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).extracting(l -> l.path("source").path("imported_from").asText()).containsOnly(
        own.toAbsolutePath().normalize().toString(), PLAYWRIGHT_HAR.toAbsolutePath().normalize().toString());
    assertThat(lines).extracting(l -> l.path("source").path("node").asText()).containsOnly("laptop-7");
    assertThat(lines).extracting(l -> l.path("url").asText())
        .contains("http://shop.test/", "http://shop.test/api/cart")
        .anyMatch(url -> url.endsWith("/api/items?q=red"));
  }

  @Test
  void exportImportExportGivesTheSameEntries() throws Exception {
    Path first = exportOfSample();
    Path data = dir.resolve("data");
    Path second = dir.resolve("again.har");

    CliRunner imported = CliRunner.run("import", "har", first.toString(), "--data-dir", data.toString(),
        "--keep-secrets");
    CliRunner exported = CliRunner.run("export", "har", "-o", second.toString(), "--data-dir", data.toString());

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(exported.exitCode()).as(exported.err()).isZero();
    assertThat(entries(second)).isEqualTo(entries(first));
  }

  @Test
  void anExportNamedGzIsGzippedAndImportsAsThePlainOne() throws Exception {
    Path plain = exportOfSample();
    Path data = dir.resolve("data");
    Path gzipped = dir.resolve("capture.har.gz");
    Path again = dir.resolve("again");
    Path second = dir.resolve("again.har");

    CliRunner imported = CliRunner.run("import", "har", plain.toString(), "--data-dir", data.toString(),
        "--keep-secrets");
    CliRunner exported = CliRunner.run("export", "har", "-o", gzipped.toString(), "--data-dir", data.toString());
    CliRunner reimported = CliRunner.run("import", "har", gzipped.toString(), "--data-dir", again.toString(),
        "--keep-secrets");
    CliRunner exportedAgain = CliRunner.run("export", "har", "-o", second.toString(), "--data-dir", again.toString());

    for (CliRunner run : List.of(imported, exported, reimported, exportedAgain)) {
      assertThat(run.exitCode()).as(run.err()).isZero();
    }
    assertThat(Files.size(gzipped)).isLessThan(Files.size(plain) / 3);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
      assertThat(JSON.readTree(in).path("log").path("entries"))
          .isEqualTo(entries(plain));
    }
    assertThat(reimported.out()).startsWith("imported " + storedEvents(data) + " events");
    assertThat(entries(second)).isEqualTo(entries(plain));
  }

  /** {@code datasipper export har -o - | datasipper import har -}: a capture moves through a pipe. */
  @Test
  void aCaptureGoesThroughAPipeFromExportToImport() throws Exception {
    Path sample = exportOfSample();
    Path data = dir.resolve("data");
    Path piped = dir.resolve("piped");
    Path again = dir.resolve("again.har");
    CliRunner imported = CliRunner.run("import", "har", sample.toString(), "--data-dir", data.toString(),
        "--keep-secrets");
    assertThat(imported.exitCode()).as(imported.err()).isZero();

    List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
        CliProcess.of(List.of("export", "har", "-o", "-", "--data-dir", data.toString()))
            .redirectError(dir.resolve("export.err").toFile()),
        CliProcess.of(List.of("import", "har", "-", "--data-dir", piped.toString(), "--keep-secrets"))
            .redirectOutput(dir.resolve("import.out").toFile()).redirectError(dir.resolve("import.err").toFile())));
    for (Process p : pipeline) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    }
    String exportErr = Files.readString(dir.resolve("export.err"));
    String importErr = Files.readString(dir.resolve("import.err"));

    assertThat(pipeline.get(0).exitValue()).as(exportErr).isZero();
    assertThat(exportErr).as("the summary goes to standard error, the HAR alone to standard output")
        .isEqualTo("wrote 13 entries (2 WebSocket connections, 5 messages) to standard output\n");
    assertThat(pipeline.get(1).exitValue()).as(importErr).isZero();
    assertThat(Files.readString(dir.resolve("import.out"))).as("the same events as the file gave")
        .isEqualTo(imported.out().replace(data.toString(), piped.toString())
            .replace("from 1 file", "from standard input"));
    try (EventStore store = EventStore.open(piped)) {
      assertThat(store.query(EventQuery.all())).extracting(e -> e.source().importedFrom()).containsOnly("stdin");
    }
    CliRunner exported = CliRunner.run("export", "har", "-o", again.toString(), "--data-dir", piped.toString());
    assertThat(exported.exitCode()).as(exported.err()).isZero();
    assertThat(entries(again)).isEqualTo(entries(sample));
    try (var files = Files.list(data)) {
      assertThat(files).as("the export's spool, kept in the data directory, is gone")
          .noneMatch(f -> f.getFileName().toString().endsWith(".spool"));
    }
  }

  /**
   * The progress goes to standard error, and shows there on a terminal even when the HAR comes
   * through a pipe and the summary goes to a file: {@code ... | import har - > import.log}. The
   * import runs under {@code script}, which gives it a pseudo-terminal, its input and output
   * redirected away from it.
   */
  @Test
  void theProgressShowsWhenOnlyStandardErrorIsATerminal() throws Exception {
    Path har = exportOfSample();
    Path summary = dir.resolve("import.out");
    List<String> importCommand =
        CliProcess.of(List.of("import", "har", "-", "--data-dir", dir.resolve("data").toString())).command();
    String command = String.join(" ", importCommand.stream().map(ImportCommandTest::quoted).toList())
        + " < " + quoted(har.toString()) + " > " + quoted(summary.toString());

    Process script = new ProcessBuilder("script", "--quiet", "--return", "--command", command, "/dev/null")
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true).start();
    String terminal = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(script.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(script.exitValue()).as(terminal).isZero();
    assertThat(Files.readString(summary)).startsWith("imported ");
    assertThat(terminal).as("what the terminal was sent").contains("\rimporting 0 MB read");
  }

  @Test
  void filesAndStandardInputImportTogetherAndTheSummaryNamesBoth() throws Exception {
    Path sample = exportOfSample();
    Path data = dir.resolve("data");
    Process imported = CliProcess.of(List.of("import", "har", PLAYWRIGHT_HAR.toString(), "-", "--data-dir",
            data.toString())).redirectInput(sample.toFile()).redirectError(dir.resolve("import.err").toFile())
        .start();
    String out = new String(imported.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(imported.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(imported.exitValue()).as(Files.readString(dir.resolve("import.err"))).isZero();
    assertThat(out).matches("imported \\d+ events \\(.*\\) from 1 file and standard input into " + data + "\n");
    try (EventStore store = EventStore.open(data)) {
      assertThat(store.query(EventQuery.all())).extracting(e -> e.source().importedFrom()).containsOnly(
          "stdin", PLAYWRIGHT_HAR.toAbsolutePath().normalize().toString());
    }
  }

  /** {@code import har -} typed at a terminal, nothing piped in: refused at once, not waiting for a HAR. */
  @Test
  void standardInputThatIsATerminalIsAUsageError() throws Exception {
    List<String> importCommand =
        CliProcess.of(List.of("import", "har", "-", "--data-dir", dir.resolve("data").toString())).command();
    String command = String.join(" ", importCommand.stream().map(ImportCommandTest::quoted).toList());

    Path output = dir.resolve("terminal.out");
    Process script = new ProcessBuilder("script", "--quiet", "--return", "--command", command, "/dev/null")
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    boolean ended = script.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      script.descendants().forEach(ProcessHandle::destroyForcibly);
      script.destroyForcibly();
    }
    String terminal = Files.readString(output);

    assertThat(ended).as("the import ended within 60 s, not waiting for a HAR typed in").isTrue();
    assertThat(script.exitValue()).as(terminal).isEqualTo(Main.USAGE);
    assertThat(terminal).isEqualTo("datasipper: cannot import standard input: it is a terminal; pipe a HAR into it"
        + " (datasipper export har -o - | datasipper import har -) or name a file\r\n");
    assertThat(dir.resolve("data").resolve(EventStore.FILE_NAME)).as("no store was made").doesNotExist();
  }

  @Test
  void aHarWithNoEntriesImportsNothingAndSaysSo() throws Exception {
    Path empty = dir.resolve("empty.har");
    Files.writeString(empty, """
        {"log": {"version": "1.2", "creator": {"name": "DataSipper", "version": "dev"}, "entries": []}}
        """);

    CliRunner run = CliRunner.run("import", "har", empty.toString(), "--data-dir", dir.resolve("data").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("imported 0 events (no entries) from 1 file into " + dir.resolve("data") + "\n");
  }

  @Test
  void emptyStandardInputIsNamedAsEmpty() throws Exception {
    Process imported = CliProcess.of(List.of("import", "har", "-", "--data-dir", dir.resolve("data").toString()))
        .redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
    String out = new String(imported.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(imported.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(imported.exitValue()).isEqualTo(Main.FAILURE);
    assertThat(out).isEqualTo("datasipper: cannot import standard input: empty; nothing was imported\n");
  }

  @Test
  void standardInputNamedTwiceIsAUsageError() {
    CliRunner run = CliRunner.run("import", "har", "-", PLAYWRIGHT_HAR.toString(), "-", "--data-dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).isEqualTo("datasipper: cannot import standard input (-) twice: it is read once, to its end\n");
  }

  @Test
  void aBadFileStopsTheImportNamingWhereAndNothingOfAnyFileIsStored() throws Exception {
    Path data = dir.resolve("data");
    Path good = exportOfSample();
    ObjectNode har = (ObjectNode) JSON.readTree(good.toFile());
    ((ObjectNode) har.path("log").path("entries").get(12).path("response")).put("status", "ok");
    Path bad = dir.resolve("bad.har");
    JSON.writeValue(bad.toFile(), har);
    assertThat(CliRunner.run("import", "har", PLAYWRIGHT_HAR.toString(), "--data-dir", data.toString()).exitCode())
        .isZero();
    long before = storedEvents(data);

    CliRunner run = CliRunner.run("import", "har", good.toString(), bad.toString(), "--data-dir", data.toString());

    assertThat(run.exitCode()).isEqualTo(Main.FAILURE);
    assertThat(run.err()).isEqualTo("datasipper: cannot import " + bad
        + ": log.entries[12].response.status: expected a number; nothing was imported\n");
    assertThat(storedEvents(data)).as("neither the good file's events nor the bad one's first entries").isEqualTo(before);
  }

  @Test
  void aMissingFileIsAUsageError() {
    CliRunner run = CliRunner.run("import", "har", dir.resolve("nope.har").toString(), "--data-dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).isEqualTo("datasipper: cannot import " + dir.resolve("nope.har") + ": no such file\n");
  }

  @Test
  void aBlankNodeNameIsAUsageError() {
    CliRunner run = CliRunner.run("import", "har", PLAYWRIGHT_HAR.toString(), "--data-dir", dir.toString(),
        "--node", " ");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).isEqualTo("datasipper: --node ' ' is not a node name: give 1 to 253 characters,"
        + " not only spaces, without control characters\n");
  }

  /**
   * A HAR three times the size of the heap imports: the file is streamed, one entry at a time, and
   * the store takes the events in batches of bounded size.
   */
  @Test
  void aHarLargerThanTheHeapImports() throws Exception {
    int entries = 600;
    int bodyBytes = 256 * 1024;
    Path big = dir.resolve("big.har");
    LargeHar.write(big, entries, bodyBytes);
    Path data = dir.resolve("data");

    long started = System.nanoTime();
    Process run = CliProcess.of(List.of("-Xmx48m"), List.of("import", "har", big.toString(), "--data-dir",
        data.toString())).redirectOutput(dir.resolve("import.out").toFile())
        .redirectError(dir.resolve("import.err").toFile()).start();
    assertThat(run.waitFor(300, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dir.resolve("import.out"));
    System.out.printf("imported a %d MB HAR with -Xmx48m in %d ms%n", Files.size(big) >> 20,
        (System.nanoTime() - started) / 1_000_000);

    assertThat(run.exitValue()).as(Files.readString(dir.resolve("import.err"))).isZero();
    assertThat(Files.size(big)).isGreaterThan(3L * 48 * 1024 * 1024);
    assertThat(log).startsWith("imported " + entries + " events (" + entries + " http)");
    assertThat(storedEvents(data)).isEqualTo(entries);
  }

  private Path exportOfSample() throws Exception {
    Path har = dir.resolve("sample.har");
    try (HarWriter writer = HarWriter.create(dir); OutputStream out = Files.newOutputStream(har)) {
      for (CaptureEvent e : SampleCapture.events()) {
        writer.add(e);
      }
      writer.writeTo(out);
    }
    return har;
  }

  private static JsonNode entries(Path har) throws IOException {
    return JSON.readTree(har.toFile()).path("log").path("entries");
  }

  /** {@code text} as one word for the shell. */
  private static String quoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static long storedEvents(Path data) throws Exception {
    try (EventStore store = EventStore.open(data)) {
      return store.query(EventQuery.all()).size();
    }
  }
}
