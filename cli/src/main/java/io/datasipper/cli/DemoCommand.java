package io.datasipper.cli;

import io.datasipper.demo.DemoSite;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Start a built-in demo site on 127.0.0.1 (a JSON API, a page that calls it, a WebSocket",
        "ticker and a server-sent event feed), open it in headless Chromium, capture, and print a summary."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "15s",
      description = "How long to capture (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--headed", description = "Show the browser window (headless by default).")
  boolean headed;

  @Option(names = "--browser-arg", paramLabel = "FLAG",
      description = "An extra Chromium flag, e.g. --browser-arg=--proxy-server=127.0.0.1:8080 (repeatable).")
  List<String> browserArgs = List.of();

  @Mixin DataDirOption dataDir;
  @Mixin CaptureOptions capture;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (DemoSite site = new DemoSite()) {
      String url = site.start();
      spec.commandLine().getOut().printf("demo site at %s; capturing for %s ...%n", url, DurationText.of(duration));
      spec.commandLine().getOut().flush();
      return SipCommand.launchAndCapture(spec, dataDir.path(), capture, headed, List.of(url + "/"), duration, browserArgs);
    }
  }
}
