package io.datasipper.cli;

import io.datasipper.config.ConfigSource;
import io.datasipper.config.DataSipperConfig;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** Options every capturing command shares: what to capture, whether to keep credentials, the node's name. */
final class CaptureOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML config: what to capture, streams and outputs (default: DIR/datasipper.yaml if present).")
  Path config;

  @Option(names = "--keep-secrets",
      description = "Keep the values of Authorization, Proxy-Authorization, Cookie and Set-Cookie headers "
          + "(redacted by default).")
  boolean keepSecrets;

  @Option(names = "--node", paramLabel = "NAME",
      description = "Name of this capture machine, put in every event's source and in the Kafka output's "
          + "datasipper-node header (default: the host name).")
  String node;

  /** The node name the events are placed on: --node, else the host name. */
  String node() {
    return NodeName.of(node);
  }

  /** Checks, before anything starts, that a --config file exists; whether it is valid is {@link #source}'s. */
  void requireConfigFile() {
    ConfigSource.requireGivenFile(config);
  }

  /**
   * The config from --config, else the data directory's {@code datasipper.yaml}, else the
   * defaults; a bad file is a usage error naming what is wrong.
   */
  ConfigSource source(Path dataDir) {
    return ConfigSource.read(config, dataDir, keepSecrets
        ? c -> c.withCapture(c.capture().withKeepSecrets(true))
        : UnaryOperator.identity());
  }
}
