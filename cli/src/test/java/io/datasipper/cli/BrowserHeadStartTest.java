package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** sip's browser started before picocli reads the command line, and what becomes of it. */
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
      BrowserHeadStart.Plan plan = BrowserHeadStart.plan(args.toArray(String[]::new)).orElseThrow(
          () -> new AssertionError("no head start for " + args));
      assertThat(plan.launchOptions(CHROMIUM)).as("%s", args).isEqualTo(sipsOwn(args));
    }
  }

  @Test
  void anythingElseIsLeftToPicocliAndSip() {
    for (List<String> args : List.of(
        List.of("events"),
        List.of("demo", "--for", "1s"),
        List.of("sip"),
        List.of("sip", "--help"),
        List.of("sip", "-h", "https://example.com/"),
        List.of("sip", "--version"),
        List.of("sip", "--headed", "https://example.com/"),
        List.of("sip", "--data-dir"),
        List.of("sip", "--frobnicate", "https://example.com/"),
        List.of("sip", "@more-args.txt"),
        List.of("sip", "example.com"),
        List.of("sip", "ftp://example.com/"))) {
      assertThat(BrowserHeadStart.plan(args.toArray(String[]::new))).as("%s", args).isEmpty();
    }
  }

  @Test
  void itKnowsEachOfSipsOptionsAndWhetherItTakesAValue() {
    Set<String> values = new HashSet<>();
    Set<String> flags = new HashSet<>();
    for (OptionSpec option : new CommandLine(new SipCommand()).getCommandSpec().options()) {
      (option.arity().max() > 0 ? values : flags).add(option.longestName());
    }
    assertThat(values).isEqualTo(BrowserHeadStart.VALUE_OPTIONS);
    // A window needs the side panel written first, and help and version start nothing: sip's own.
    flags.removeAll(Set.of("--headed", "--help", "--version"));
    assertThat(flags).isEqualTo(BrowserHeadStart.FLAGS);
  }

  @Test
  void aCommandLineSipRefusesStopsTheBrowserStartedAhead() throws Exception {
    Path dataDir = dir.resolve("data");
    List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--for", "soon", "http://127.0.0.1:9/"));
    Process sip = CliProcess.sip(args).redirectErrorStream(true).start();
    String said = new String(sip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(sip.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(sip.exitValue()).as(said).isEqualTo(Main.USAGE);
    assertThat(said).contains("soon");
    assertThat(dataDir.resolve("chromium.log")).as("the browser was started ahead of picocli").exists();
    String profile = "--user-data-dir=" + dataDir.resolve("profile");
    awaitTrue(() -> ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(profile)),
        "browser processes left behind by the refused sip");
  }

  /** The options sip starts its browser with, from picocli's reading of the arguments. */
  private static io.datasipper.capture.LaunchOptions sipsOwn(List<String> args) {
    SipCommand sip = new SipCommand();
    new CommandLine(sip).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    return SipCommand.launchOptions(CHROMIUM, sip.dataDir.path().resolve("profile"), sip.headed, null, sip.browserArgs);
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting: %s", what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
