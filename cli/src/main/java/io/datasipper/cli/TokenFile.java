package io.datasipper.cli;

import io.datasipper.api.files.PrivateFiles;
import io.datasipper.server.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A token kept in a file across runs, for what cannot learn a new one at each start: a Prometheus
 * scraping {@code /metrics} ({@code authorization: credentials_file:}), a script. Made (0600, as
 * every file DataSipper writes secrets to) on first use.
 */
final class TokenFile {
  private TokenFile() {}

  /** The file's token, or a new one written to it if there is no file. */
  static String readOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        String token = Files.readString(file).strip();
        if (!ServerSettings.TOKEN.matcher(token).matches()) {
          throw UserError.usage("--ui-token-file " + file
              + ": does not hold a token of 32 to 128 lowercase hex digits; delete it to have one made");
        }
        return token;
      }
      byte[] bytes = new byte[16];
      new SecureRandom().nextBytes(bytes);
      String token = HexFormat.of().formatHex(bytes);
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      PrivateFiles.writeNew(file, token + "\n");
      return token;
    } catch (IOException e) {
      throw UserError.usage("--ui-token-file " + file + ": " + e.getMessage());
    }
  }
}
