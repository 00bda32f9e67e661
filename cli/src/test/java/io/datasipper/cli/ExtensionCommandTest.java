package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.capture.OwnTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datasipper extension DIR}: the side panel written out for a browser of the user's own. */
class ExtensionCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheExtensionAndReplacesAnEarlierCopy() throws Exception {
    Path target = dir.resolve("ext");
    CliRunner first = CliRunner.run("extension", target.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("extension written to " + target + " (id " + OwnTraffic.EXTENSION_ID + ")\n");
    assertThat(Files.readString(target.resolve("manifest.json"))).contains("\"manifest_version\": 3", "\"key\":",
        "\"side_panel\"");
    assertThat(target.resolve("panel.html")).isRegularFile();
    assertThat(target.resolve("background.js")).isRegularFile();

    Files.writeString(target.resolve("pairing.json"), "{}");
    CliRunner again = CliRunner.run("extension", target.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(target.resolve("pairing.json")).as("what the earlier copy held is gone").doesNotExist();
  }

  @Test
  void refusesADirectoryHoldingOtherFilesAndLeavesThem() throws Exception {
    Path mine = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "keep me");
    CliRunner refused = CliRunner.run("extension", mine.toString());
    assertThat(refused.exitCode()).isEqualTo(Main.USAGE);
    assertThat(refused.err()).isEqualTo("datasipper: " + mine + " holds files and no DataSipper extension: give a new"
        + " or empty directory, since the extension replaces what is there\n");
    assertThat(mine.resolve("notes.txt")).hasContent("keep me");
  }
}
