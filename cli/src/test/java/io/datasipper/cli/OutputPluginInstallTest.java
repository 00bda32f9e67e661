package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.pipeline.PluginFolder;
import io.datasipper.testkit.PluginJar;
import io.datasipper.testkit.SamplePlugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party's output plugin, installed as a user does: its jar dropped into the plugin folder,
 * then named by its type in the config, with {@code datasipper} run as its own process, before it
 * starts or while it runs.
 */
class OutputPluginInstallTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dir;

  @Test
  void anInstalledPluginDeliversEveryEvent() throws Exception {
    Path ids = configureTenFramesForAFileAndThePlugin();

    Run deliver = deliver(SamplePlugins.idList());

    assertThat(deliver.exitCode()).as(deliver.output()).isZero();
    assertThat(Files.readAllLines(ids)).containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10");
    assertThat(Files.readAllLines(dir.resolve("out/frames.jsonl"))).hasSize(10);
  }

  @Test
  void aPluginMissingOneOfItsClassesStopsItsOutputAloneAndDeliverSaysSo() throws Exception {
    Path ids = configureTenFramesForAFileAndThePlugin();

    Run deliver = deliver(SamplePlugins.idListWithoutItsLibrary());

    assertThat(deliver.exitCode()).as(deliver.output()).isEqualTo(Main.FAILURE);
    assertThat(deliver.output()).contains("datasipper: output acme stopped on an error: java.lang.NoClassDefFoundError:"
        + " acme/Ledger; what it did not deliver stays pending");
    assertThat(deliver.output()).containsPattern("acme +failing +delivered 0 .*last error: stopped on an error");
    assertThat(Files.readAllLines(dir.resolve("out/frames.jsonl"))).as("the other output delivered all").hasSize(10);
    assertThat(ids).doesNotExist();
  }

  @Test
  void aConfigNamingAPluginThatIsNotInstalledSaysWherePluginsGo() throws Exception {
    configureTenFramesForAFileAndThePlugin();
    Files.createDirectories(dir.resolve("plugins"));

    Run deliver = deliver(null);

    assertThat(deliver.exitCode()).as(deliver.output()).isEqualTo(Main.USAGE);
    assertThat(deliver.output()).contains("outputs.acme.type: unknown output type \"id_list\"; known: file, kafka,",
        "(output plugins are the jars in " + dir.resolve("plugins") + ", read when the config is loaded)");
  }

  @Test
  void aPluginInstalledWhileDeliveringIsTakenWhenTheConfigNamingItIsSaved() throws Exception {
    Path dataDir = dir.resolve("data");
    Path frames = dir.resolve("out/frames.jsonl");
    FramesDataDir.storeFrames(dataDir, 10);
    FramesDataDir.deliverTo(dataDir, frames);
    Path plugins = dir.resolve("plugins");
    Files.createDirectories(plugins);
    Path log = dir.resolve("follow.log");
    ProcessBuilder builder = FramesDataDir.follow(dataDir, log);
    builder.environment().put(PluginFolder.VARIABLE, plugins.toString());
    Process follow = builder.start();
    try {
      Await.until(() -> lines(frames).size() == 10, WAIT, "the file output took the frames; deliver printed: " + log);

      SamplePlugins.idList().writeTo(plugins.resolve("acme-output.jar"));
      Path ids = configureTenFramesForAFileAndThePlugin();

      Await.until(() -> lines(ids).size() == 10, WAIT, "the plugin's output took the frames; deliver printed: " + log);
      assertThat(lines(ids)).containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10");
      assertThat(lines(frames)).as("the file output resumed where it was").hasSize(10);
    } finally {
      follow.destroyForcibly();
    }
    assertThat(follow.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path configureTenFramesForAFileAndThePlugin() throws Exception {
    Path dataDir = dir.resolve("data");
    Path ids = dir.resolve("out/ids.txt");
    FramesDataDir.storeFrames(dataDir, 10);
    Files.writeString(dataDir.resolve("datasipper.yaml"), """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [file, acme]
        outputs:
          file: {type: file, path: %s, start_from: earliest}
          acme: {type: %s, path: %s, start_from: earliest}
        """.formatted(dir.resolve("out/frames.jsonl"), SamplePlugins.ID_LIST, ids));
    return ids;
  }

  /** {@code datasipper deliver} in its own JVM, with {@code plugin} (if any) the one jar of its plugin folder. */
  private Run deliver(PluginJar plugin) throws Exception {
    Path plugins = dir.resolve("plugins");
    if (plugin != null) {
      plugin.writeTo(plugins.resolve("acme-output.jar"));
    }
    Path log = dir.resolve("deliver.log");
    ProcessBuilder builder = CliProcess.of(List.of("deliver", "--data-dir", dir.resolve("data").toString(),
        "--timeout", "20s")).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put(PluginFolder.VARIABLE, plugins.toString());
    Process deliver = builder.start();
    try {
      assertThat(deliver.waitFor(90, TimeUnit.SECONDS)).as("deliver ended").isTrue();
    } finally {
      deliver.destroyForcibly();
    }
    return new Run(deliver.exitValue(), Files.readString(log));
  }

  private record Run(int exitCode, String output) {}
}
