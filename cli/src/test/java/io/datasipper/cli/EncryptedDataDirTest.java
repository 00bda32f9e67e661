package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.StoreKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory encrypted with a key from {@code datasipper store keygen}: the commands read and
 * deliver it with the key, from the environment or the config, and stop with one line without it.
 */
class EncryptedDataDirTest {
  private static final Path PLAYWRIGHT_HAR = Path.of("../export/src/test/har/fixtures/playwright-chromium.har");
  private static final Path CDP_HAR = Path.of("../export/src/test/har/fixtures/chromium-cdp.har");
  /** Parts of the HAR's URLs and bodies. */
  private static final List<String> MARKERS = List.of("api/items", "\"sku\"", "app.js", "pixel.png", "{\"order\":7}");

  @TempDir Path dir;

  @Test
  void importedTrafficIsUnreadableOnDiskAndReadsBackOnlyWithTheKey() throws Exception {
    Path keyFile = dir.resolve("store.key");
    Result keygen = run(Map.of(), "store", "keygen", keyFile.toString());
    assertThat(keygen.code()).as(keygen.err()).isZero();
    assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Map<String, String> withKey = Map.of("DATASIPPER_STORE_KEY", Files.readString(keyFile).strip());
    Path data = dir.resolve("data");

    Result imported = run(withKey, "import", "har", PLAYWRIGHT_HAR.toString(), "--data-dir", data.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    assertNoMarkerIn(data);

    Result events = run(withKey, "events", "--data-dir", data.toString());
    assertThat(events.code()).as(events.err()).isZero();
    assertThat(events.out()).contains("/api/items?q=red", "/api/order");

    Result noKey = run(Map.of(), "events", "--data-dir", data.toString());
    assertThat(noKey.code()).isEqualTo(Main.FAILURE);
    assertThat(noKey.err()).isEqualTo("datasipper: " + data.resolve("events.db") + " is encrypted: set its key with"
        + " DATASIPPER_STORE_KEY or store.encryption.key_file\n");
    Result query = run(withKey, "query", "SELECT url FROM http WHERE host = '127.0.0.1' AND url LIKE '%/api/items%'",
        "--format", "csv", "--data-dir", data.toString());
    assertThat(query.code()).as(query.err()).isZero();
    assertThat(query.out()).contains("/api/items?q=red");
    Result wrongKey = run(Map.of("DATASIPPER_STORE_KEY", keyText()), "events", "--data-dir", data.toString());
    assertThat(wrongKey.code()).isEqualTo(Main.FAILURE);
    assertThat(wrongKey.err()).isEqualTo("datasipper: " + data.resolve("events.db") + " is encrypted with another key"
        + " than the one set (DATASIPPER_STORE_KEY or store.encryption.key_file)\n");
    Result badKey = run(Map.of("DATASIPPER_STORE_KEY", "c2hvcnQ="), "events", "--data-dir", data.toString());
    assertThat(badKey.code()).isEqualTo(Main.USAGE);
    assertThat(badKey.err()).isEqualTo("datasipper: the environment variable DATASIPPER_STORE_KEY holds 5 bytes;"
        + " expected a key of 32 bytes in base64, as `datasipper store keygen` writes\n");
    Result search = run(withKey, "events", "--search", "red", "--data-dir", data.toString());
    assertThat(search.code()).isEqualTo(Main.USAGE);
    assertThat(search.err()).startsWith("datasipper: an encrypted store has no full-text search");

    // The config's key file serves as well as the environment's key: the streams deliver the decrypted events.
    Path out = dir.resolve("out/events.jsonl");
    Files.writeString(data.resolve("datasipper.yaml"), """
        store: {encryption: {key_file: %s}}
        streams:
          - name: exchanges
            conditions: [{field: type, operator: equals, value: http}]
            outputs: [file]
        outputs:
          file: {type: file, path: %s, start_from: earliest}
        """.formatted(keyFile, out));
    Result delivered = run(Map.of(), "deliver", "--data-dir", data.toString());
    assertThat(delivered.code()).as(delivered.err()).isZero();
    assertThat(Files.readString(out)).contains("/api/items?q=red");

    Result json = run(withKey, "events", "--json", "--type", "http", "--data-dir", data.toString());
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.out()).contains("{\\\"order\\\":7}");
    assertNoMarkerIn(data);
  }

  /**
   * A data directory whose own config names a key file: an import encrypts it as a capture would,
   * and the commands that take no config read it with that key, no key in the environment.
   */
  @Test
  void aDataDirectoryWhoseConfigNamesAKeyFileIsEncryptedAndReadWithIt() throws Exception {
    Path keyFile = dir.resolve("store.key");
    StoreKey.generate().writeNew(keyFile);
    Path data = dir.resolve("data");
    Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path config = data.resolve("datasipper.yaml");
    Files.writeString(config, "store: {encryption: {key_file: %s}}\n".formatted(keyFile));

    Result imported = run(Map.of(), "import", "har", PLAYWRIGHT_HAR.toString(), "--data-dir", data.toString());

    assertThat(imported.code()).as(imported.err()).isZero();
    assertNoMarkerIn(data);
    Result events = run(Map.of(), "events", "--data-dir", data.toString());
    assertThat(events.code()).as(events.err()).isZero();
    assertThat(events.out()).contains("/api/items?q=red", "/api/order");
    Result query = run(Map.of(), "query", "SELECT url FROM http WHERE method = 'POST'", "--format", "csv",
        "--data-dir", data.toString());
    assertThat(query.code()).as(query.err()).isZero();
    assertThat(query.out()).contains("/api/order");
    Path har = dir.resolve("export.har");
    Result exported = run(Map.of(), "export", "har", "-o", har.toString(), "--data-dir", data.toString());
    assertThat(exported.code()).as(exported.err()).isZero();
    assertThat(Files.readString(har)).contains("/api/items?q=red", "{\\\"order\\\":7}");
    Result again = run(Map.of(), "import", "har", CDP_HAR.toString(), "--data-dir", data.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertNoMarkerIn(data);
    Path out = dir.resolve("out/events.jsonl");
    Files.writeString(config, """
        store: {encryption: {key_file: %s}}
        streams: [{name: exchanges, conditions: [{field: type, operator: equals, value: http}], outputs: [file]}]
        outputs: {file: {type: file, path: %s, start_from: earliest}}
        """.formatted(keyFile, out));
    Result delivered = run(Map.of(), "deliver", "--data-dir", data.toString());
    assertThat(delivered.code()).as(delivered.err()).isZero();
    Result stats = run(Map.of(), "streams", "stats", "--data-dir", data.toString());
    assertThat(stats.code()).as(stats.err()).isZero();
    assertThat(stats.out().lines()).anyMatch(l -> l.startsWith("output file: health stopped, delivered ")
        && l.contains(", pending events 0,"));

    Files.writeString(config, "store: {encryption: {key_file: %s}}\n".formatted(dir.resolve("gone.key")));
    Result missingKeyFile = run(Map.of(), "events", "--data-dir", data.toString());
    assertThat(missingKeyFile.code()).isEqualTo(Main.USAGE);
    assertThat(missingKeyFile.err()).startsWith("datasipper: " + config + ": store.encryption.key_file: ")
        .hasLineCount(1);
    Files.delete(config);
    Result noKey = run(Map.of(), "events", "--data-dir", data.toString());
    assertThat(noKey.err()).isEqualTo("datasipper: " + data.resolve("events.db") + " is encrypted: set its key with"
        + " DATASIPPER_STORE_KEY or store.encryption.key_file\n");
  }

  @Test
  void anEncryptedCaptureExportsAsHarWithItsKey() throws Exception {
    Map<String, String> withKey = Map.of("DATASIPPER_STORE_KEY", keyText());
    Path data = dir.resolve("data");
    Result imported = run(withKey, "import", "har", CDP_HAR.toString(), "--data-dir", data.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    assertNoMarkerIn(data);

    Path har = dir.resolve("export.har");
    Result exported = run(withKey, "export", "har", "--data-dir", data.toString(), "-o", har.toString());
    assertThat(exported.code()).as(exported.err()).isZero();
    assertThat(Files.readString(har)).contains("/api/items?q=red", "{\\\"order\\\":7}");
    assertThat(run(Map.of(), "export", "har", "--data-dir", data.toString(), "-o", dir.resolve("no.har").toString())
        .code()).isEqualTo(Main.FAILURE);

    Path posts = dir.resolve("posts.har");
    Result filtered = run(withKey, "export", "har", "--data-dir", data.toString(), "-o", posts.toString(),
        "--method", "POST");
    assertThat(filtered.code()).as(filtered.err()).isZero();
    assertThat(Files.readString(posts)).contains("{\\\"order\\\":7}").doesNotContain("/api/items?q=red");
    Path byUrl = dir.resolve("by-url.har");
    Result refused = run(withKey, "export", "har", "--data-dir", data.toString(), "-o", byUrl.toString(),
        "--url-contains", "/api/");
    assertThat(refused.code()).isEqualTo(Main.USAGE);
    assertThat(refused.err()).startsWith("datasipper: an encrypted store cannot filter on text within URLs")
        .hasLineCount(1);
    assertThat(byUrl).doesNotExist();
  }

  /** A key as `datasipper store keygen` writes it. */
  private String keyText() throws Exception {
    Path keyFile = dir.resolve("key-" + System.nanoTime());
    StoreKey.generate().writeNew(keyFile);
    return Files.readString(keyFile).strip();
  }

  private record Result(int code, String out, String err) {}

  /** The command in a JVM of its own, with these environment variables set and any store key of this one's unset. */
  private Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    ProcessBuilder pb = CliProcess.of(List.of(args));
    pb.environment().remove("DATASIPPER_STORE_KEY");
    pb.environment().putAll(environment);
    Path outFile = Files.createTempFile(dir, "out", ".txt");
    Path errFile = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("datasipper " + String.join(" ", args) + " did not end within 60 s");
    }
    return new Result(p.exitValue(), Files.readString(outFile), Files.readString(errFile));
  }

  private static void assertNoMarkerIn(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".yaml")).forEach(files::add);
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (String marker : MARKERS) {
        assertThat(bytes).as("%s holds %s", f, marker).doesNotContain(marker);
      }
    }
  }
}
