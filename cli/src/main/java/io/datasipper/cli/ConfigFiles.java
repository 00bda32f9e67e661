package io.datasipper.cli;

import io.datasipper.cli.config.ConfigLoader;
import io.datasipper.cli.config.DataSipperConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the config a command uses: the file given, else the data directory's datasipper.yaml. */
final class ConfigFiles {
  static final String DEFAULT_NAME = "datasipper.yaml";

  private ConfigFiles() {}

  static DataSipperConfig load(Path given, Path dataDir) {
    if (given != null) {
      if (!Files.isRegularFile(given)) {
        throw UserError.usage("config file " + given + " does not exist");
      }
      return ConfigLoader.load(given);
    }
    Path inDataDir = dataDir.resolve(DEFAULT_NAME);
    return Files.isRegularFile(inDataDir) ? ConfigLoader.load(inDataDir) : DataSipperConfig.defaults();
  }
}
