package io.datasipper.cli;

import io.datasipper.api.broker.LocalKafka;
import io.datasipper.api.files.PrivateFiles;
import io.datasipper.config.ConfigSource;
import io.datasipper.demo.DemoSite;
import io.datasipper.store.DataDirLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Start a built-in demo site on 127.0.0.1 and capture it in headless Chromium.",
        "The site has a JSON API, a page that calls it, a WebSocket ticker and a server-sent event feed; the"
        + " demo routes two streams into a JSON-lines file and prints a summary."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "15s",
      description = "How long to capture (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.datasipper/demo",
      description = "Data directory of the demo (default: ${DEFAULT-VALUE}); its datasipper.yaml is the demo's "
          + "pipeline, written there on the first run.")
  Path dataDir;

  @Option(names = "--kafka", paramLabel = "embedded",
      description = "Also ship the demo's streams to Kafka: 'embedded' starts a real broker inside DataSipper, "
          + "with its data in DIR/kafka.")
  String kafka;

  @Mixin BrowserOptions browser;
  @Mixin CaptureOptions capture;
  @Mixin UiOptions ui;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    browser.check();
    // Taken first: a second demo on this directory must not start a site, a broker or a browser.
    DataDirLock lock = DataDirOption.lock(dataDir, DataDirLock.Kind.CAPTURE, spec.name());
    try {
      return demo();
    } finally {
      lock.close();
    }
  }

  private int demo() {
    if (capture.config == null) {
      writeSampleConfig();
    }
    if (kafka != null && !kafka.equals("embedded")) {
      throw UserError.usage("--kafka takes 'embedded', not '" + kafka + "'");
    }
    ConfigSource source = capture.source(dataDir);
    try (DemoSite site = new DemoSite(); LocalKafka broker = kafka == null ? null : startBroker()) {
      if (broker != null) {
        source = source.adjusted(c -> DemoKafka.withKafkaOutput(c, broker.bootstrapServers()));
      }
      String url = site.start();
      spec.commandLine().getOut().printf("demo site at %s; capturing for %s ...%n", url, DurationText.of(duration));
      spec.commandLine().getOut().flush();
      int code = SipCommand.launchAndCapture(Invocation.of(spec), dataDir, source, capture.node(), ui, browser,
          List.of(url + "/"), duration);
      if (broker != null) {
        DemoKafka.printTopics(spec.commandLine().getOut(), broker, source.config(), dataDir.resolve("kafka"));
      }
      return code;
    }
  }

  private LocalKafka startBroker() {
    spec.commandLine().getOut().println("starting the embedded Kafka broker ...");
    spec.commandLine().getOut().flush();
    return LocalKafkaBroker.start(dataDir.resolve("kafka"), 0);
  }

  /** The demo's two streams and file output, unless the data directory has a config already. */
  private void writeSampleConfig() {
    Path file = dataDir.resolve(ConfigSource.DEFAULT_NAME);
    if (Files.exists(file)) {
      return;
    }
    try (InputStream in = DemoCommand.class.getResourceAsStream("/demo-config/datasipper.yaml")) {
      String sample = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("OUTPUT_DIR", dataDir.toAbsolutePath().resolve("out").toString());
      PrivateFiles.createDirectories(dataDir);
      PrivateFiles.writeNew(file, sample);
    } catch (IOException e) {
      throw UserError.usage("cannot write the demo config " + file + ": " + e.getMessage());
    }
  }
}
