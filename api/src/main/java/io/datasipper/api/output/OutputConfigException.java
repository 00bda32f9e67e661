package io.datasipper.api.output;

/** An output's settings are wrong; the message names the key, the bad value and what is allowed. */
public class OutputConfigException extends Exception {
  private final String key;
  private final String problem;

  /** @param message the whole complaint, naming the key itself */
  public OutputConfigException(String key, String message) {
    this(key, message, message);
  }

  private OutputConfigException(String key, String problem, String message) {
    super(message);
    this.key = key;
    this.problem = problem;
  }

  /**
   * A complaint about the value at {@code key} worded as the config walker words every other one
   * ({@code expected ..., got ...}): the message is {@code key: problem}.
   */
  public static OutputConfigException at(String key, String problem) {
    return new OutputConfigException(key, problem, key + ": " + problem);
  }

  /** The settings key at fault, relative to the output (e.g. {@code rotate.max_bytes}). */
  public String key() {
    return key;
  }

  /** The complaint without the key in front, for a message that names the key's full path itself. */
  public String problem() {
    return problem;
  }
}
