package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A plain sip's browser, started first thing, and what becomes of it. */
class BrowserHeadStartTest {
  private static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
  @TempDir Path dir;

  @Test
  void aPlainSipGetsTheBrowserSipWouldStartItself() {
    for (List<String> args : List.of(
        List.of("sip", "https://example.com/"),
        List.of("sip", "--data-dir", dir.toString(), "--for", "30s", "http://127.0.0.1:8080/a", "http://127.0.0.1/b"),
        List.of("sip", "--data-dir=" + dir, "--browser-arg=--proxy-server=127.0.0.1:3128", "--browser-arg",
            "--lang=de", "--keep-secrets", "--no-ui", "--node", "n1", "--ui-port", "0", "--config", "c.yaml",
            "https://example.com/"))) {
      SipLine line = SipLine.read(args.toArray(String[]::new)).orElseThrow(
          () -> new AssertionError("not a plain sip: " + args));
      assertThat(BrowserHeadStart.launchOptions(line, CHROMIUM)).as("%s", args).isEqualTo(sipsOwn(args));
    }
  }

  @Test
  void aSipThatFailsAfterItsBrowserStartedLeavesNoBrowserBehind() throws Exception {
    Path dataDir = dir.resolve("data");
    String said = sipRefused(List.of("--data-dir", dataDir.toString(), "--node", " ", "http://127.0.0.1:9/"));

    assertThat(said).contains("is not a node name");
    assertThat(dataDir.resolve("chromium.log")).as("the browser was started first thing").exists();
    String profile = "--user-data-dir=" + dataDir.resolve("profile");
    Await.until(() -> ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(profile)),
        Duration.ofSeconds(30), "browser processes left behind by the refused sip");
  }

  @Test
  void aLineRefusedBeforeTheBrowserWouldStartStartsNone() throws Exception {
    List<List<String>> lines = List.of(
        List.of("--for", "soon"), // picocli's conversion
        List.of("--browser-arg=--remote-debugging-port=9222")); // sip's own check
    for (int i = 0; i < lines.size(); i++) {
      List<String> refused = lines.get(i);
      Path dataDir = dir.resolve("data" + i);
      List<String> args = new java.util.ArrayList<>(List.of("--data-dir", dataDir.toString()));
      args.addAll(refused);
      args.add("http://127.0.0.1:9/");
      String said = sipRefused(args);

      assertThat(said).as("%s", refused).containsAnyOf("'soon' is not a duration", "--remote-debugging-port");
      assertThat(dataDir.resolve("chromium.log")).as("%s", refused).doesNotExist();
    }
  }

  /** What a sip with these arguments printed; it must have ended with the usage error's code. */
  private static String sipRefused(List<String> args) throws Exception {
    Process sip = CliProcess.sip(args).redirectErrorStream(true).start();
    String said = new String(sip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(sip.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(sip.exitValue()).as(said).isEqualTo(Main.USAGE);
    return said;
  }

  /** The options sip starts its browser with, from picocli's reading of the arguments. */
  private static io.datasipper.capture.LaunchOptions sipsOwn(List<String> args) {
    SipCommand sip = new SipCommand();
    new CommandLine(sip).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    return SipCommand.launchOptions(CHROMIUM, sip.dataDir.path().resolve("profile"), sip.browser.headed, null,
        sip.browser.args);
  }

}
