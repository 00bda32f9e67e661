package io.datasipper.cli;

import io.datasipper.capture.Capture;
import io.datasipper.capture.DebuggingAddress;
import io.datasipper.config.ConfigSource;
import io.datasipper.store.DataDirLock;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "attach", mixinStandardHelpOptions = true,
    description = {"Capture from a Chromium you started yourself with --remote-debugging-port=9222: every open tab"
        + " and every tab you open later, until --for elapses or Ctrl-C.",
        "Your browser keeps running when DataSipper stops."})
final class AttachCommand implements Callable<Integer> {
  @Option(names = "--cdp-url", required = true, paramLabel = "URL",
      description = "The browser's debugging address: http://127.0.0.1:9222 or its ws://.../devtools/browser/... URL.")
  String cdpUrl;

  @Option(names = "--allow-remote",
      description = "Allow a --cdp-url on another machine. The DevTools protocol has no authentication and ws://"
          + " no encryption: whoever can reach that port drives the browser and reads its traffic.")
  boolean allowRemote;

  @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long, e.g. 30s, 5m (default: until Ctrl-C).")
  Duration duration;

  @Mixin DataDirOption dataDir;
  @Mixin CaptureOptions capture;
  @Mixin UiOptions ui;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    URI endpoint;
    try {
      endpoint = new URI(cdpUrl);
    } catch (java.net.URISyntaxException e) {
      throw UserError.usage("--cdp-url '" + cdpUrl + "' is not a URL: " + e.getReason());
    }
    if (!allowRemote) {
      try {
        DebuggingAddress.requireLoopback(endpoint, "--cdp-url");
      } catch (IllegalArgumentException e) {
        throw UserError.usage(e.getMessage());
      }
    }
    ConfigSource source = capture.source(dataDir.path());
    String node = capture.node();
    DataDirLock lock = DataDirOption.lock(dataDir.path(), DataDirLock.Kind.CAPTURE, spec.name());
    try {
      CaptureRun run = new CaptureRun(dataDir.path(), spec.name(), source, node, ui, spec.commandLine().getOut(),
          spec.commandLine().getErr());
      return run.run((rules, stamps, sink) -> Capture.attach(endpoint, allowRemote, rules, stamps, sink), duration);
    } finally {
      lock.close();
    }
  }
}
