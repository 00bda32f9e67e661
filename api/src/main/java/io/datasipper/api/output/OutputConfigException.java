package io.datasipper.api.output;

/** An output's settings are wrong; the message names the key, the bad value and what is allowed. */
public class OutputConfigException extends Exception {
  private final String key;

  public OutputConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The settings key at fault, relative to the output (e.g. {@code rotate.max_bytes}). */
  public String key() {
    return key;
  }
}
