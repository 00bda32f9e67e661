package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.export.NodeTool;
import io.datasipper.export.SampleCapture;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import io.datasipper.store.TmpfsMount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datasipper export har}, run through {@link Main} against a real store. */
class ExportCommandTest {
  @TempDir Path dir;

  private String out = "";
  private String err = "";

  @Test
  void exportsTheCaptureAndSaysWhatItWrote() throws Exception {
    Path data = storeWith(SampleCapture.events());
    Path outDir = Files.createDirectories(dir.resolve("out"));
    Path har = outDir.resolve("capture.har");
    Files.writeString(har, "an older export");

    int exit = run("export", "har", "-o", har.toString(), "--data-dir", data.toString());

    assertThat(exit).as(err).isZero();
    assertThat(out).isEqualTo("wrote 13 entries (2 WebSocket connections, 5 messages) to " + har + "\n");
    NodeTool.Result valid = NodeTool.installed().run("validate-har.js", har.toString());
    assertThat(valid.exitCode()).as(valid.output()).isZero();
    try (var files = Files.list(outDir)) {
      assertThat(files).as("no partial or spool file is left").containsExactly(har);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(har)))
        .as("the HAR holds captured headers and bodies: the owner's alone").isEqualTo("rw-------");
  }

  @Test
  void theEventsFiltersChooseWhatIsExported() throws Exception {
    Path data = storeWith(SampleCapture.events());
    Path har = dir.resolve("news.har");

    int exit = run("export", "har", "-o", har.toString(), "--data-dir", data.toString(), "--host", "news.test");

    assertThat(exit).as(err).isZero();
    assertThat(out).isEqualTo("wrote 4 entries (1 WebSocket connection, 1 message) to " + har + "\n");
    assertThat(entryUrls(har)).containsExactlyInAnyOrder(
        "http://news.test/", "http://news.test/stream", "http://news.test/feed", "ws://news.test/ticker");
    NodeTool.Result valid = NodeTool.installed().run("validate-har.js", har.toString());
    assertThat(valid.exitCode()).as(valid.output()).isZero();

    exit = run("export", "har", "-o", har.toString(), "--data-dir", data.toString(), "--type", "http",
        "--url-contains", "/api");
    assertThat(exit).as(err).isZero();
    assertThat(entryUrls(har)).containsExactlyInAnyOrder("http://shop.test/api/cart", "http://down.test/api");
  }

  @Test
  void filtersThatMatchNothingWriteAnEmptyHar() throws Exception {
    Path data = storeWith(SampleCapture.events());
    Path har = dir.resolve("none.har");

    int exit = run("export", "har", "-o", har.toString(), "--data-dir", data.toString(), "--host", "nowhere.test");

    assertThat(exit).as(err).isZero();
    assertThat(out).isEqualTo("wrote 0 entries (0 WebSocket connections, 0 messages) to " + har + "\n");
    assertThat(entryUrls(har)).isEmpty();
  }

  @Test
  void aBadFilterIsAUsageErrorNamingItsOptionAndWritesNothing() {
    Path data = storeWith(SampleCapture.events());
    Path har = dir.resolve("x.har");

    int exit = run("export", "har", "-o", har.toString(), "--data-dir", data.toString(), "--status", "7xx");

    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err).startsWith("datasipper: --status").contains("7xx").hasLineCount(1);
    assertThat(har).doesNotExist();
  }

  @Test
  void anEventThatCannotBeReadIsLeftOutSayingSoAndTheRestIsExported() throws Exception {
    Path data = storeWith(SampleCapture.events());
    long seq;
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("events.db"));
        java.sql.Statement s = c.createStatement()) {
      try (java.sql.ResultSet rs = s.executeQuery("SELECT max(seq) FROM events WHERE type = 'http'")) {
        rs.next();
        seq = rs.getLong(1);
      }
      s.executeUpdate("UPDATE events SET json = 'not json' WHERE seq = " + seq);
    }
    Path har = dir.resolve("capture.har");

    int exit = run("export", "har", "-o", har.toString(), "--data-dir", data.toString());

    assertThat(exit).as(err).isEqualTo(Main.FAILURE);
    assertThat(out).matches("wrote 1[23] entries \\(2 WebSocket connections, 5 messages\\) to " + har + "\n");
    assertThat(err).startsWith("datasipper: 1 stored event could not be read and was skipped, the others exported;"
        + " first: event " + seq + " in " + data.resolve("events.db") + " cannot be read: ").hasLineCount(1);
    NodeTool.Result valid = NodeTool.installed().run("validate-har.js", har.toString());
    assertThat(valid.exitCode()).as(valid.output()).isZero();
  }

  @Test
  void missingOutputIsAUsageError() {
    int exit = run("export", "har", "--data-dir", storeWith(SampleCapture.events()).toString());

    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err).contains("Missing required option: '--output=FILE'");
  }

  @Test
  void exportWithoutFormatIsAUsageError() {
    assertThat(run("export")).isEqualTo(Main.USAGE);
    assertThat(err).isEqualTo("datasipper: name a format: datasipper export har -o FILE\n");
  }

  @Test
  void dataDirWithoutCaptureIsAUsageError() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path har = dir.resolve("x.har");

    int exit = run("export", "har", "-o", har.toString(), "--data-dir", empty.toString());

    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err).isEqualTo("datasipper: no capture in " + empty + ": run `datasipper sip URL` first\n");
    assertThat(empty).isEmptyDirectory();
    assertThat(har).doesNotExist();
  }

  @Test
  void storeWithoutEventsIsAUsageErrorAndWritesNothing() {
    Path data = storeWith(List.of());
    Path har = dir.resolve("x.har");

    int exit = run("export", "har", "-o", har.toString(), "--data-dir", data.toString());

    assertThat(exit).isEqualTo(Main.USAGE);
    assertThat(err).isEqualTo("datasipper: no capture in " + data + ": it holds no events yet\n");
    assertThat(dir).isDirectoryNotContaining(p -> !p.equals(data));
  }

  @Test
  void unwritableOutputFailsWithOneLine() {
    Path data = storeWith(SampleCapture.events());
    Path har = dir.resolve("no-such-dir").resolve("x.har");

    int exit = run("export", "har", "-o", har.toString(), "--data-dir", data.toString());

    assertThat(exit).isEqualTo(Main.FAILURE);
    assertThat(err).isEqualTo("datasipper: cannot write " + har + ": no such directory\n");
  }

  @Test
  void outputThatIsADirectoryFailsWithOneLine() {
    Path data = storeWith(SampleCapture.events());

    int exit = run("export", "har", "-o", dir.toString(), "--data-dir", data.toString());

    assertThat(exit).isEqualTo(Main.FAILURE);
    assertThat(err).isEqualTo("datasipper: cannot write " + dir + ": it is a directory\n");
  }

  /** {@code export har -o - | head -c 100}: the export stops at the first write nobody reads. */
  @Test
  void aReaderThatGoesAwayEndsTheExportToStandardOutputWithOneLine() throws Exception {
    Path data = storeWith(SampleCapture.events());
    Path exportErr = dir.resolve("export.err");
    Process export = CliProcess.of(List.of("export", "har", "-o", "-", "--data-dir", data.toString()))
        .redirectError(exportErr.toFile()).start();

    // Closed long before the JVM has started and read the store: the HAR's first write finds no reader.
    export.getInputStream().close();

    assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(export.exitValue()).as(Files.readString(exportErr)).isEqualTo(Main.FAILURE);
    assertThat(Files.readString(exportErr)).isEqualTo("datasipper: cannot write to standard output: Broken pipe\n");
    try (var files = Files.list(data)) {
      assertThat(files).as("the spool it kept in the data directory is gone")
          .noneMatch(f -> f.getFileName().toString().endsWith(".spool"));
    }
  }

  /**
   * An export to standard output keeps its spool in the data directory: when that disk has room
   * for the store to open but not for the spool (a real tmpfs; needs root), the spool is named,
   * not standard output.
   */
  @Test
  void aSpoolThatDoesNotFitIsNamedAsTheFailureNotStandardOutput() throws Exception {
    Path disk = Files.createDirectories(dir.resolve("disk"));
    TmpfsMount mount = TmpfsMount.mount(disk, "8m");
    try {
      Path data = disk.resolve("data");
      Path har = dir.resolve("large.har");
      LargeHar.write(har, 20, 64 * 1024);
      CliRunner imported = CliRunner.run("import", "har", har.toString(), "--data-dir", data.toString());
      assertThat(imported.exitCode()).as(imported.err()).isZero();
      TmpfsMount.fill(disk.resolve("filler"));
      mount.resize("8448k"); // 256 KiB free: room for the store's shared memory, not for 1.3 MB of spool
      Path exportErr = dir.resolve("export.err");

      Process export = CliProcess.of(List.of("export", "har", "-o", "-", "--data-dir", data.toString()))
          .redirectOutput(dir.resolve("export.out").toFile()).redirectError(exportErr.toFile()).start();

      assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(export.exitValue()).as(Files.readString(exportErr)).isEqualTo(Main.FAILURE);
      assertThat(Files.readString(exportErr))
          .isEqualTo("datasipper: cannot export: its spool in " + data + " failed: No space left on device\n");
      try (var files = Files.list(data)) {
        assertThat(files).noneMatch(f -> f.getFileName().toString().endsWith(".spool"));
      }
    } finally {
      mount.unmount();
    }
  }

  private static List<String> entryUrls(Path har) throws IOException {
    List<String> urls = new ArrayList<>();
    new ObjectMapper().readTree(har.toFile()).path("log").path("entries")
        .forEach(entry -> urls.add(entry.path("request").path("url").asText()));
    return urls;
  }

  private Path storeWith(List<CaptureEvent> events) {
    Path data = dir.resolve("data");
    try (EventStore store = EventStore.open(data)) {
      store.insert(events);
    } catch (StoreException e) {
      throw new AssertionError(e);
    }
    return data;
  }

  /** Runs the command line, keeping what it printed; picocli picks up System.out when it runs. */
  private int run(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      return Main.run(args);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      out = o.toString(StandardCharsets.UTF_8);
      err = e.toString(StandardCharsets.UTF_8);
    }
  }
}
