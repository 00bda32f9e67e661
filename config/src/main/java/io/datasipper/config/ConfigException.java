package io.datasipper.config;

/**
 * A config the user can fix: the message is one line naming the file, the path to the bad key, the
 * bad value and what is allowed. Thrown before any of the config is used.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
