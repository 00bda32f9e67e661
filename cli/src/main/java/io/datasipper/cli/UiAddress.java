package io.datasipper.cli;

import io.datasipper.capture.OwnTraffic;
import io.datasipper.server.ServerSettings;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the local API and dashboard are served, and with which token: for every command that serves. */
final class UiAddress {
  @Option(names = "--ui-port", paramLabel = "PORT",
      description = "Port of the local API and dashboard on 127.0.0.1 (default: a free one, printed at start).")
  Integer port;

  @Option(names = "--ui-token-file", paramLabel = "FILE",
      description = "Keep the API's token in FILE across runs (made, 0600, if missing) instead of a new one at each"
          + " start: for a Prometheus scraping /metrics, or a script.")
  Path tokenFile;

  /**
   * The server's settings these options ask for. DataSipper's side panel extension may call it:
   * its id is fixed by the key in its manifest, and it still needs the token.
   */
  ServerSettings settings() {
    ServerSettings settings = ServerSettings.onPort(portOrAny())
        .withExtensionOrigins(List.of("chrome-extension://" + OwnTraffic.EXTENSION_ID));
    return tokenFile == null ? settings : settings.withToken(TokenFile.readOrCreate(tokenFile));
  }

  private int portOrAny() {
    if (port == null) {
      return 0;
    }
    if (port < 1 || port > 65_535) {
      throw UserError.usage("--ui-port: " + port + " is not a port; expected 1 to 65535");
    }
    return port;
  }
}
