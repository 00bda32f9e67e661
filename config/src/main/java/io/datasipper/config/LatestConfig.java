package io.datasipper.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config as its file says it now, for a command that reads it without following it with a
 * pipeline ({@code serve} without {@code --deliver}): an edit through the API or a saved file is
 * seen at the next {@link #get}. The file is read on each call and parsed again only when its bytes
 * changed; as a reload leaves the running pipeline alone, an invalid or deleted file leaves the last
 * valid config in place.
 */
public final class LatestConfig {
  private final ConfigSource source;
  private DataSipperConfig config;
  /** The digest of the bytes {@link #config} was read from; null while it is the config read at start. */
  private String digest;

  public LatestConfig(ConfigSource source) {
    this.source = source;
    this.config = source.config();
  }

  /** The config of the file as it is now, or the last valid one. */
  public synchronized DataSipperConfig get() {
    Path file = source.target();
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      // No file yet (the defaults hold until one is written), or one unreadable for now: as a
      // reload would, keep what was read.
      return config;
    }
    String now = FileDigest.of(content);
    if (!now.equals(digest)) {
      digest = now;
      try {
        config = source.read(file, new String(content, StandardCharsets.UTF_8));
      } catch (ConfigException e) {
        // Said by the route that edited it, or by the command that reads it next; the last valid one stays.
      }
    }
    return config;
  }
}
