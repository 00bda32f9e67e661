package io.datasipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.pipeline.PipelineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigLoaderTest {
  /** The output plugins on the class path, as the loader lists them. */
  private static final String KNOWN = new io.datasipper.pipeline.Outputs().knownTypes();
  private static final String OUTPUTS = "outputs:\n  out: {type: file, path: /tmp/x.jsonl}\n";
  @TempDir Path dir;

  @Test
  void readsStreamsInTheRuleFormAndOutputs() throws IOException {
    Files.writeString(dir.resolve("t.js"), "function transform(e) { return {u: e.url}; }");
    PipelineSpec spec = ConfigLoader.load(write("""
        streams:
          - {"name": "api_calls", "conditions": [{"field": "url", "operator": "contains", "value": "/api/"}], "logic": "AND", "output": "out"}
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [out, console]
            transform_file: t.js
        outputs:
          out: {type: file, path: /tmp/x.jsonl, max_bytes: 1000, start_from: earliest}
          console: {type: stdout}
        """)).pipeline();
    assertThat(spec.streams()).extracting(s -> s.name()).containsExactly("api_calls", "frames");
    assertThat(spec.streams().get(0).outputs()).containsExactly("out");
    assertThat(spec.streams().get(1).outputs()).containsExactly("out", "console");
    assertThat(spec.streams().get(1).transformSource()).contains("function transform");
    assertThat(spec.outputs().get(0).startFromEarliest()).isTrue();
    assertThat(spec.outputs().get(0).settings()).containsEntry("max_bytes", 1000);
  }

  @Test
  void ruleErrorsNameTheirPathInTheFile() {
    assertRejected("streams:\n  - {name: a, output: out, conditions: [{field: url, operator: resembles, value: x}]}\n" + OUTPUTS,
        "streams[0].conditions[0].operator: ");
    assertRejected("streams:\n  - {name: a, output: out, conditions: [{field: colour, operator: equals, value: x}]}\n" + OUTPUTS,
        "streams[0].conditions[0].field: ");
  }

  @Test
  void unknownKeysAndOutputsAreRejected() {
    assertRejected("streams:\n  - {name: a, output: out, conditions: [], sink: x}\n" + OUTPUTS,
        "streams[0].sink: unknown key; allowed under streams[0]: name, conditions, logic, output, outputs, transform,"
            + " transform_file");
    assertRejected("streams:\n  - {name: a, output: kafka, conditions: [{field: url, operator: exists}]}\n" + OUTPUTS,
        "streams[0].output: \"kafka\" is not an output of this file; outputs defined: out");
    assertRejected("streams:\n  - {name: a, conditions: [{field: url, operator: exists}]}\n"
        + "  - {name: a, conditions: [{field: url, operator: exists}]}\n",
        "streams[1].name: \"a\" names two streams");
  }

  @Test
  void outputErrorsNameTheKey() {
    assertRejected("outputs:\n  out: {type: kafkaa}\n", "outputs.out.type: unknown output type \"kafkaa\"; known: " + KNOWN);
    assertRejected("outputs:\n  out: {path: /tmp/x}\n", "outputs.out: missing type; known output types: " + KNOWN);
    assertRejected("outputs:\n  out: {type: file}\n", "outputs.out.path: missing; expected the file to write JSON lines to");
    assertRejected("outputs:\n  out: {type: file, path: /tmp/x, max_bytes: -5}\n",
        "outputs.out.max_bytes: -5 is negative; expected a size from 1 B to 1 TiB: a whole number of bytes or one with B,"
            + " KiB, MiB, GiB or TiB such as 512KiB or 1MiB (or kB, MB, GB, TB, in thousands)");
    assertRejected("outputs:\n  out: {type: file, path: /tmp/x, colour: red}\n",
        "outputs.out.colour: unknown key; allowed in this output: path, max_bytes, max_files, fsync");
    assertRejected("outputs:\n  out: {type: file, path: /tmp/x, start_from: yesterday}\n",
        "outputs.out.start_from: \"yesterday\" is not a start point; expected earliest or latest");
    assertRejected("outputs:\n  Bad Name: {type: stdout}\n", "output name \"Bad Name\" must be 1 to 64 of a-z, 0-9, _ . -");
  }

  @Test
  void aTransformFileThatCannotBeReadIsNamed() {
    assertRejected("streams:\n  - {name: a, transform_file: missing.js, conditions: [{field: url, operator: exists}]}\n",
        "streams[0].transform_file: cannot read the transform file " + dir.resolve("missing.js"));
  }

  @Test
  void aTransformThatDoesNotLoadIsNamedByItsKey() throws IOException {
    assertRejected("streams:\n  - {name: a, transform: 'function transform(e) { return {',"
        + " conditions: [{field: url, operator: exists}]}\n", "streams[0].transform: stream 'a': line 1, column ");
    Files.writeString(dir.resolve("t.js"), "const x = 1;\n");
    assertRejected("streams:\n  - {name: a, transform_file: t.js, conditions: [{field: url, operator: exists}]}\n",
        "streams[0].transform_file: stream 'a': the script defines no function transform(event)");
  }

  @Test
  void aTransformFileThatIsNotUtf8IsNamedByItsKey() throws IOException {
    Files.write(dir.resolve("t.js"), new byte[] {'/', '/', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    assertRejected("streams:\n  - {name: a, transform_file: t.js, conditions: [{field: url, operator: exists}]}\n",
        "streams[0].transform_file: the transform file " + dir.resolve("t.js") + " is not UTF-8 text");
  }

  @Test
  void theConfigListsTheTransformFilesItReadWithWhatTheyHeld() throws IOException {
    byte[] js = "function transform(e) { return e; }".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(dir.resolve("t.js"), js);
    DataSipperConfig config = ConfigLoader.load(write(
        "streams:\n  - {name: a, transform_file: t.js, conditions: [{field: url, operator: exists}]}\n"));
    assertThat(config.includedFiles()).containsExactly(java.util.Map.entry(dir.resolve("t.js"), FileDigest.of(js)));
  }

  @Test
  void theReadmesStreamsExampleLoads() throws IOException {
    java.util.regex.Matcher block = java.util.regex.Pattern.compile("```yaml\\n(streams:.*?)```", java.util.regex.Pattern.DOTALL)
        .matcher(Files.readString(Path.of("../README.md")));
    assertThat(block.find()).as("the README shows a streams example").isTrue();
    PipelineSpec spec = ConfigLoader.load(write(block.group(1))).pipeline();
    assertThat(spec.streams()).extracting(s -> s.name()).containsExactly("api_calls", "ticks");
    assertThat(spec.streams().get(1).transformSource()).contains("function transform(event)");
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("datasipper.yaml"), yaml);
  }

  private void assertRejected(String yaml, String problem) {
    Path file;
    try {
      file = write(yaml);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file + ": ")
        .hasMessageContaining(problem);
  }
}
