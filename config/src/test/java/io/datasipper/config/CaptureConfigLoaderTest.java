package io.datasipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.redact.RedactRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureConfigLoaderTest {
  private static final String SIZES = "a size from 0 B to 2 GiB: a whole number of bytes or one with B, KiB, MiB, GiB or TiB"
      + " such as 512KiB or 1MiB (or kB, MB, GB, TB, in thousands)";
  private static final String CAPTURE_KEYS = "urls, resource_types, mime_types, bodies, keep_secrets, redact";

  @TempDir Path dir;

  @Test
  void readsAFullFile() throws IOException {
    CaptureRules rules = CaptureConfigLoader.load(write("""
        # what the README shows
        capture:
          urls: {include: ["*/api/*"], exclude: ["*.png"]}
          resource_types: {include: [xhr, Fetch, document, websocket], exclude: []}
          mime_types: {include: [], exclude: ["font/*"]}
          bodies: {max_bytes: 1048576, include_mime_types: [], exclude_mime_types: ["image/*", "video/*"]}
          keep_secrets: true
        """));

    assertThat(rules).isEqualTo(new CaptureRules(List.of("*/api/*"), List.of("*.png"),
        List.of("xhr", "fetch", "document", "websocket"), List.of(), List.of(), List.of("font/*"),
        1_048_576, List.of(), List.of("image/*", "video/*"), true));
  }

  @Test
  void leftOutKeysKeepTheDefaults() throws IOException {
    assertThat(CaptureConfigLoader.load(write("capture: {}\n"))).isEqualTo(CaptureRules.defaults());
  }

  @Test
  void readsSizesWithBinaryUnits() throws IOException {
    assertThat(maxBytes("1MiB")).isEqualTo(1 << 20);
    assertThat(maxBytes("512KiB")).isEqualTo(512 * 1024);
    assertThat(maxBytes("2 GiB")).isEqualTo(2L << 30);
    assertThat(maxBytes("10B")).isEqualTo(10);
    assertThat(maxBytes("0")).isZero();
  }

  @Test
  void rejectsUnknownTopLevelKeys() {
    assertRejected("capture: {}\nsinks: {}\n", "sinks: unknown key; allowed at the top: capture, store, streams, outputs");
  }

  @Test
  void rejectsAFileThatSetsNothing() {
    assertRejected("{}\n", "the file sets nothing; expected at least one of capture, store, streams, outputs");
  }

  @Test
  void rejectsATopLevelThatIsNotAMapping() {
    assertRejected("- capture\n", "expected a mapping with the keys capture, store, streams, outputs, got [\"capture\"]");
  }

  @Test
  void rejectsUnknownKeysUnderCapture() {
    assertRejected("capture: {urlz: {}}\n", "capture.urlz: unknown key; allowed under capture: " + CAPTURE_KEYS);
  }

  @Test
  void rejectsUnknownKeysInASection() {
    assertRejected("capture: {bodies: {max_size: 10}}\n",
        "capture.bodies.max_size: unknown key; allowed under capture.bodies: "
            + "max_bytes, include_mime_types, exclude_mime_types");
    assertRejected("capture: {urls: {includes: []}}\n",
        "capture.urls.includes: unknown key; allowed under capture.urls: include, exclude");
  }

  @Test
  void rejectsASectionThatIsNotAMapping() {
    assertRejected("capture: {urls: \"*/api/*\"}\n",
        "capture.urls: expected a mapping with the keys include, exclude, got \"*/api/*\"");
  }

  @Test
  void rejectsAnEmptyValue() {
    assertRejected("capture:\n", "capture: expected a mapping with the keys " + CAPTURE_KEYS + ", got an empty value");
  }

  @Test
  void rejectsAPatternListThatIsNotAList() {
    assertRejected("capture: {urls: {include: \"*/api/*\"}}\n",
        "capture.urls.include: expected a list of URL patterns, e.g. [\"a\", \"b\"], got \"*/api/*\"");
  }

  @Test
  void rejectsPatternsThatAreNotStrings() {
    assertRejected("capture: {mime_types: {exclude: [\"font/*\", 42]}}\n",
        "capture.mime_types.exclude[1]: expected a non-empty string, got 42");
    assertRejected("capture: {bodies: {include_mime_types: [\"\"]}}\n",
        "capture.bodies.include_mime_types[0]: expected a non-empty string, got \"\"");
  }

  @Test
  void rejectsUnknownResourceTypes() {
    assertRejected("capture: {resource_types: {include: [xhr, xhrr]}}\n",
        "capture.resource_types.include[1]: \"xhrr\" is not a resource type; expected one of document, stylesheet,"
            + " image, media, font, script, texttrack, xhr, fetch, prefetch, eventsource, websocket, manifest,"
            + " signedexchange, ping, cspviolationreport, preflight, other");
  }

  @Test
  void rejectsKeepSecretsThatIsNotABoolean() {
    assertRejected("capture: {keep_secrets: sometimes}\n",
        "capture.keep_secrets: expected true or false, got \"sometimes\"");
  }

  @Test
  void redactListsAreAddedToTheDefaultsUnlessTheDefaultsAreTurnedOff() throws IOException {
    RedactRules added = CaptureConfigLoader.load(write("""
        capture:
          redact:
            headers: [X-Session]
            json_paths: ["$.card.number"]
            text_patterns: ["ssn=(\\\\d+)"]
        """)).redact();
    assertThat(added).isEqualTo(RedactRules.DEFAULTS.plus(new RedactRules(List.of("X-Session"), List.of(), List.of(),
        List.of("$.card.number"), List.of(), List.of("ssn=(\\d+)"))));
    assertThat(added.headers()).contains("Authorization", "X-Session");

    RedactRules only = CaptureConfigLoader.load(write("capture: {redact: {use_defaults: false, query_params: [t]}}\n"))
        .redact();
    assertThat(only).isEqualTo(new RedactRules(List.of(), List.of("t"), List.of(), List.of(), List.of(), List.of()));
  }

  @Test
  void rejectsBadRedactPatternsAndPathsNamingTheKeyAndValue() {
    assertRejected("capture: {redact: {url_patterns: [\"ok\", \"(abc\"]}}\n",
        "capture.redact.url_patterns[1]: \"(abc\" is not a valid regular expression: Unclosed group near index 4");
    assertRejected("capture: {redact: {text_patterns: [\"[a-\"]}}\n",
        "capture.redact.text_patterns[0]: \"[a-\" is not a valid regular expression: Illegal character range near index 3");
    assertRejected("capture: {redact: {json_paths: [\"user.pin\"]}}\n",
        "capture.redact.json_paths[0]: \"user.pin\" is not a JSON path such as $.user.password, $.items[*].token or"
            + " $['api-key']: it must start with $");
    assertRejected("capture: {redact: {headerz: []}}\n",
        "capture.redact.headerz: unknown key; allowed under capture.redact: use_defaults, headers, query_params,"
            + " json_keys, json_paths, url_patterns, text_patterns");
  }

  @Test
  void rejectsNegativeSizes() {
    assertRejected("capture: {bodies: {max_bytes: -1}}\n", "capture.bodies.max_bytes: -1 is negative; expected " + SIZES);
  }

  @Test
  void rejectsSizesInOtherUnits() {
    assertRejected("capture: {bodies: {max_bytes: 1mb}}\n",
        "capture.bodies.max_bytes: \"1mb\" is not a size; expected " + SIZES);
  }

  @Test
  void rejectsFractionalSizes() {
    assertRejected("capture: {bodies: {max_bytes: 1.5}}\n", "capture.bodies.max_bytes: expected " + SIZES + ", got 1.5");
  }

  @Test
  void rejectsSizesTooLargeToCount() {
    assertRejected("capture: {bodies: {max_bytes: 99999999999999999999}}\n",
        "capture.bodies.max_bytes: 99999999999999999999 is too large; expected " + SIZES);
    assertRejected("capture: {bodies: {max_bytes: 99999999999GiB}}\n",
        "capture.bodies.max_bytes: \"99999999999GiB\" is too large; expected " + SIZES);
    assertRejected("capture: {bodies: {max_bytes: 2049MiB}}\n",
        "capture.bodies.max_bytes: \"2049MiB\" is too large; expected " + SIZES);
  }

  @Test
  void rejectsAnEmptyFile() {
    assertRejected("# nothing yet\n", "the config file is empty");
  }

  @Test
  void rejectsMoreThanOneDocument() {
    assertRejected("capture: {}\n---\ncapture: {keep_secrets: true}\n",
        "holds more than one YAML document (---); expected one");
  }

  @Test
  void rejectsRepeatedKeys() {
    assertRejected("capture:\n  keep_secrets: false\n  keep_secrets: true\n",
        "not valid YAML at line 3, column 15: Duplicate field 'keep_secrets'");
  }

  @Test
  void rejectsInvalidYaml() {
    assertRejected("capture:\n  urls: {include: [a]\n  keep_secrets: true\n",
        "not valid YAML at line 3, column 3: expected ',' or '}', but got <scalar>");
  }

  @Test
  void rejectsAMissingFile() {
    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> CaptureConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": cannot read the config file (java.nio.file.NoSuchFileException: " + missing + ")");
  }

  private long maxBytes(String size) throws IOException {
    return CaptureConfigLoader.load(write("capture: {bodies: {max_bytes: " + size + "}}\n")).maxBodyBytes();
  }

  private void assertRejected(String yaml, String problem) {
    Path file;
    try {
      file = write(yaml);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> CaptureConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": " + problem);
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "capture", ".yaml"), yaml);
  }
}
