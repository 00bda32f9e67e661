package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** A plain sip read without picocli must mean what picocli makes of it. */
class SipLineTest {
  @Test
  void plainLinesGiveSipWhatPicocliGivesIt() {
    for (List<String> args : List.of(
        List.of("sip", "https://example.com/"),
        List.of("sip", "--data-dir", "/tmp/d", "--for", "30s", "http://127.0.0.1:8080/a", "http://127.0.0.1/b"),
        List.of("sip", "--data-dir=/tmp/d", "--browser-arg=--proxy-server=127.0.0.1:3128", "--browser-arg",
            "--lang=de", "--keep-secrets", "--no-ui", "--node", "n1", "--ui-port", "0", "--config", "c.yaml",
            "https://example.com/"),
        List.of("sip", "https://example.com/", "--ui-port=8080", "--ui-token-file", "t", "--for=1500ms"),
        List.of("sip", "--node=", "--browser-arg", "-x", "http://[::1]:9/"))) {
      SipLine line = SipLine.read(args.toArray(String[]::new)).orElseThrow(
          () -> new AssertionError("not read as a plain sip: " + args));
      assertThat(state(line.command(BrowserHeadStart.NONE))).as("%s", args).isEqualTo(picocliState(args));
    }
  }

  @Test
  void anythingElseIsLeftToPicocli() {
    for (List<String> args : List.of(
        List.of("events"),
        List.of("demo", "--for", "1s"),
        List.of("sip"),
        List.of("sip", "--no-ui"),
        List.of("sip", "--help"),
        List.of("sip", "-h", "https://example.com/"),
        List.of("sip", "--version"),
        List.of("sip", "--headed", "https://example.com/"),
        List.of("sip", "--data-dir"),
        List.of("sip", "--node", "--no-ui", "https://example.com/"),
        List.of("sip", "--for", "soon", "https://example.com/"),
        List.of("sip", "--for", "1s", "--for", "2s", "https://example.com/"),
        List.of("sip", "--no-ui", "--no-ui", "https://example.com/"),
        List.of("sip", "--ui-port", "http", "https://example.com/"),
        List.of("sip", "--ui-port", "010", "https://example.com/"),
        List.of("sip", "--frobnicate", "https://example.com/"),
        List.of("sip", "--browser-arg=--remote-debugging-port=9222", "https://example.com/"),
        List.of("sip", "--browser-arg", "--remote-debugging-address=0.0.0.0", "https://example.com/"),
        List.of("sip", "--", "https://example.com/"),
        List.of("sip", "@more-args.txt"),
        List.of("sip", "--node", "@name.txt", "https://example.com/"),
        List.of("sip", "example.com"),
        List.of("sip", "ftp://example.com/"))) {
      assertThat(SipLine.read(args.toArray(String[]::new))).as("%s", args).isEmpty();
    }
  }

  @Test
  void itKnowsEachOfSipsOptionsAndWhetherItTakesAValue() {
    Set<String> values = new HashSet<>();
    Set<String> flags = new HashSet<>();
    for (OptionSpec option : new CommandLine(new SipCommand()).getCommandSpec().options()) {
      (option.arity().max() > 0 ? values : flags).add(option.longestName());
    }
    assertThat(values).isEqualTo(SipLine.VALUE_OPTIONS);
    // A window needs the side panel written first, and help and version start nothing: picocli's.
    flags.removeAll(Set.of("--headed", "--help", "--version"));
    assertThat(flags).isEqualTo(SipLine.FLAGS);
  }

  /**
   * Command lines made at random from sip's options, good and bad values, URLs and strays: each one
   * read as a plain sip is read alike by picocli, without an error.
   */
  @Test
  void everyLineReadAsPlainIsReadAlikeByPicocli() {
    List<String> tokens = List.of("--for", "30s", "--for=2m", "soon", "--browser-arg", "--browser-arg=--lang=de",
        "--lang=fr", "-x", "--data-dir", "/tmp/d", "--data-dir=", "--config", "c.yaml", "--node", "n1", "--node=",
        "--ui-port", "0", "65535", "--ui-port=80", "99999", "--ui-token-file", "t", "--keep-secrets", "--no-ui",
        "--headed", "-h", "--", "@f", "https://example.com/", "http://127.0.0.1:9/p", "example.com", "=", "-");
    Random random = new Random(7);
    int plain = 0;
    for (int n = 0; n < 20_000; n++) {
      List<String> args = new ArrayList<>(List.of("sip"));
      int length = 1 + random.nextInt(7);
      for (int i = 0; i < length; i++) {
        args.add(tokens.get(random.nextInt(tokens.size())));
      }
      Optional<SipLine> line = SipLine.read(args.toArray(String[]::new));
      if (line.isPresent()) {
        plain++;
        assertThatCode(() -> picocliState(args)).as("picocli reads %s", args).doesNotThrowAnyException();
        assertThat(state(line.get().command(BrowserHeadStart.NONE))).as("%s", args).isEqualTo(picocliState(args));
      }
    }
    assertThat(plain).as("lines read as plain sips").isGreaterThan(200);
  }

  /** What picocli sets in sip for these arguments. */
  private static SipLine picocliState(List<String> args) {
    SipCommand sip = new SipCommand();
    new CommandLine(sip).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    return state(sip);
  }

  /** The options sip has been given, however it was given them. */
  private static SipLine state(SipCommand sip) {
    return new SipLine(List.copyOf(sip.urls), sip.duration, sip.dataDir.path(), sip.capture.config,
        sip.capture.keepSecrets, sip.capture.node, sip.ui.off, sip.ui.address.port, sip.ui.address.tokenFile,
        List.copyOf(sip.browser.args));
  }
}
