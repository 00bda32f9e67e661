package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.EventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with the JVM flags {@code bin/datasipper} gives it loads SQLite's native
 * library from where the build unpacked it: with a temporary directory nothing can be written to,
 * it still reads the store, where sqlite-jdbc's own way (writing the library there first) fails.
 */
class SqliteNativeLibraryIT {
  private static final Path JAR = Path.of(System.getProperty("datasipper.jar", "target/datasipper.jar")).toAbsolutePath();
  private static final Path SETUP = Path.of("..", "bin", "lib", "setup.sh").toAbsolutePath().normalize();
  @TempDir Path dir;

  @Test
  void theStoreOpensWithoutWritingTheLibraryToTheTemporaryDirectory() throws Exception {
    Path dataDir = dir.resolve("data");
    EventStore.open(dataDir).close();
    // A file where the temporary directory should be: nothing can be extracted into it.
    Path noTempDir = Files.writeString(dir.resolve("not-a-directory"), "");
    List<String> flags = Arrays.asList(run(List.of("bash", "-c", ". \"$0\" && ds_sqlite_flags", SETUP.toString()))
        .output().trim().split("\\s+"));
    assertThat(flags).as("ds_sqlite_flags for this machine").anyMatch(f -> f.startsWith("-Dorg.sqlite.lib.path="));

    Result withFlags = events(flags, noTempDir, dataDir);
    Result without = events(List.of(), noTempDir, dataDir);

    assertThat(withFlags.exitCode()).as("events with bin/datasipper's flags; it said:\n" + withFlags.output()).isZero();
    assertThat(without.exitCode()).as("events without them, which must extract the library first").isNotZero();
    assertThat(without.output()).contains("cannot open " + dataDir.resolve(EventStore.FILE_NAME));
  }

  private Result events(List<String> flags, Path tempDir, Path dataDir) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tempDir));
    command.addAll(flags);
    command.addAll(List.of("-jar", JAR.toString(), "events", "--data-dir", dataDir.toString()));
    return run(command);
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " ends").isTrue();
    return new Result(p.exitValue(), output);
  }

  private record Result(int exitCode, String output) {}
}
