package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sizes, counts and durations past what they can hold are refused by {@code streams check} with
 * one line naming the file, the key, the value and the range: none wraps round, is cut to an int
 * or ends in a stack trace.
 */
class SettingOverflowTest {
  private static final String SIZES = "a whole number of bytes or one with B, KiB, MiB, GiB or TiB such as 512KiB or 1MiB (or kB, MB, GB, TB, in thousands)";

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      file    | max_bytes: "99999999999999999999" | outputs.out.max_bytes: "99999999999999999999" is too large; expected a size from 1 B to 1 TiB: #SIZES
      file    | max_bytes: 17179869184GiB         | outputs.out.max_bytes: "17179869184GiB" is too large; expected a size from 1 B to 1 TiB: #SIZES
      file    | max_bytes: 99999999999999999999   | outputs.out.max_bytes: 99999999999999999999 is too large; expected a size from 1 B to 1 TiB: #SIZES
      file    | max_bytes: 2TiB                   | outputs.out.max_bytes: "2TiB" is too large; expected a size from 1 B to 1 TiB: #SIZES
      file    | max_files: 4294967297             | outputs.out.max_files: 4294967297 is out of range; expected a whole number from 1 to 1000
      file    | max_files: 99999999999999999999   | outputs.out.max_files: 99999999999999999999 is out of range; expected a whole number from 1 to 1000
      webhook | timeout_ms: 99999999999999999999  | outputs.out.timeout_ms: 99999999999999999999 is out of range; expected a whole number from 1 to 3600000
      webhook | timeout_ms: 9223372036854775807   | outputs.out.timeout_ms: 9223372036854775807 is out of range; expected a whole number from 1 to 3600000
      redis   | timeout_ms: 1e30                  | outputs.out.timeout_ms: expected a whole number from 1 to 3600000, got 1.0E30
      redis   | maxlen: 99999999999999999999      | outputs.out.maxlen: 99999999999999999999 is out of range; expected a whole number from 1 to 9223372036854775807
      sql     | timeout_ms: 4294967296000         | outputs.out.timeout_ms: 4294967296000 is out of range; expected a whole number from 1 to 3600000
      kafka   | batch_size: 99999999999999999999  | outputs.out.batch_size: 99999999999999999999 is out of range; expected a whole number from 1 to 2147483647
      capture | max_bytes: 17179869184GiB         | capture.bodies.max_bytes: "17179869184GiB" is too large; expected a size from 0 B to 2 GiB: #SIZES
      capture | max_bytes: 3GiB                   | capture.bodies.max_bytes: "3GiB" is too large; expected a size from 0 B to 2 GiB: #SIZES
      """)
  void anOverflowingSettingIsOneLineNamingItsKeyAndRange(String type, String setting, String error) throws Exception {
    Path config = dir.resolve("datasipper.yaml");
    Files.writeString(config, config(type, setting));

    CliRunner run = CliRunner.run("streams", "check", "--data-dir", dir.resolve("data").toString(),
        "--config", config.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
    assertThat(run.err()).isEqualTo("datasipper: " + config + ": " + error.replace("#SIZES", SIZES) + "\n");
  }

  private static String config(String type, String setting) {
    String stream = "streams:\n  - {name: s, output: out, conditions: [{field: url, operator: exists}]}\n";
    String output = switch (type) {
      case "file" -> "{type: file, path: out.jsonl, " + setting + "}";
      case "webhook" -> "{type: webhook, url: \"http://127.0.0.1:9/hook\", " + setting + "}";
      case "redis" -> "{type: redis, url: \"redis://127.0.0.1:9\", mode: stream, " + setting + "}";
      case "sql" -> "{type: sql, url: \"jdbc:postgresql://127.0.0.1:9/x\", table: t, " + setting + "}";
      case "kafka" -> "{type: kafka, bootstrap_servers: \"127.0.0.1:9\", topic: t, " + setting + "}";
      case "capture" -> "{type: stdout}";
      default -> throw new IllegalArgumentException(type);
    };
    String capture = type.equals("capture") ? "capture: {bodies: {" + setting + "}}\n" : "";
    return capture + stream + "outputs:\n  out: " + output + "\n";
  }
}
