package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.capture.Chromium;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser's DevTools stay closed to other programs unless the user explicitly says otherwise. */
class BrowserExposureTest {
  @TempDir Path dir;

  @Test
  void aBrowserArgThatOpensTheDevToolsIsRefusedBeforeAnythingStarts() throws Exception {
    int port = freePort();
    List<List<String>> forms = List.of(
        List.of("--browser-arg=--remote-debugging-port=" + port),
        List.of("--browser-arg", "--remote-debugging-port=" + port),
        List.of("--browser-arg=--remote-debugging-port", "--browser-arg=" + port),
        List.of("--browser-arg", "--remote-debugging-port " + port),
        List.of("--browser-arg=-remote-debugging-port=" + port),
        List.of("--browser-arg=--remote-debugging-address=0.0.0.0"),
        List.of("--browser-arg", "--remote-debugging-address", "--browser-arg=0.0.0.0"));
    int run = 0;
    for (String command : List.of("sip", "demo")) {
      for (List<String> form : forms) {
        Path data = dir.resolve("data-" + run++);
        List<String> args = new ArrayList<>(command.equals("sip")
            ? List.of("sip", "http://127.0.0.1:" + port + "/", "--for", "2s", "--data-dir", data.toString())
            : List.of("demo", "--for", "2s", "--data-dir", data.toString()));
        Chromium.HERMETIC_FLAGS.forEach(f -> args.add("--browser-arg=" + f));
        args.addAll(form);

        CliRunner result = CliRunner.run(args.toArray(String[]::new));

        assertThat(result.exitCode()).as("%s %s: %s", command, form, result.err()).isEqualTo(Main.USAGE);
        assertThat(result.err()).as("%s %s", command, form).matches(
            "datasipper: --browser-arg '-{1,2}remote-debugging-(port|address)[^']*' is refused: it would open the"
                + " browser's DevTools to other programs, [^\n]*datasipper attach`\n");
        assertThat(data).as("nothing was started or written").doesNotExist();
      }
    }
  }

  @Test
  void attachToAnAddressOffLoopbackNeedsAllowRemote() throws Exception {
    String url = "http://" + ownNonLoopbackIpv4() + ":" + freePort();
    Path data = dir.resolve("data");

    CliRunner refused = CliRunner.run("attach", "--cdp-url", url, "--for", "1s", "--data-dir", data.toString());

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(Main.USAGE);
    assertThat(refused.err()).isEqualTo("datasipper: --cdp-url " + url + " is not a loopback address: the DevTools"
        + " protocol has no authentication and ws:// no encryption, so anyone who reaches it drives the browser"
        + " and reads its traffic; pass --allow-remote to attach anyway\n");
    assertThat(data).doesNotExist();

    CliRunner allowed = CliRunner.run("attach", "--cdp-url", url, "--allow-remote", "--for", "1s",
        "--data-dir", data.toString());

    assertThat(allowed.exitCode()).isEqualTo(Main.FAILURE);
    assertThat(allowed.err()).as("it tried: nothing listens there").contains("cannot reach a browser at " + url);
  }

  /** This machine's own address on a network interface: not loopback, yet no packet leaves the machine. */
  static String ownNonLoopbackIpv4() throws SocketException {
    for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress a : nic.inetAddresses().toList()) {
          if (a instanceof Inet4Address) {
            return a.getHostAddress();
          }
        }
      }
    }
    throw new AssertionError("this test needs a network interface with an IPv4 address besides loopback");
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
