package io.datasipper.cli;

import io.datasipper.capture.CaptureRules;
import io.datasipper.cli.config.CaptureConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every capturing command shares: what to capture, and whether to keep credentials. */
final class CaptureOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with a capture section (URL, resource and mime type filters, body limits).")
  Path config;

  @Option(names = "--keep-secrets",
      description = "Keep the values of Authorization, Proxy-Authorization, Cookie and Set-Cookie headers "
          + "(redacted by default).")
  boolean keepSecrets;

  /** The rules from --config, or the defaults; a bad file is a usage error naming what is wrong. */
  CaptureRules rules() {
    CaptureRules rules = CaptureRules.defaults();
    if (config != null) {
      if (!Files.isRegularFile(config)) {
        throw UserError.usage("config file " + config + " does not exist");
      }
      rules = CaptureConfigLoader.load(config);
    }
    return keepSecrets ? rules.withKeepSecrets(true) : rules;
  }
}
