package io.datasipper.config;

/**
 * What reading a changed config file did to the running pipeline.
 *
 * @param streams the number of streams running afterwards (those of the new config once reloaded)
 * @param outputs the number of outputs running afterwards
 * @param message the line the command printed about it
 */
public record Reload(Outcome outcome, int streams, int outputs, String message) {
  /** How a reload ended. */
  public enum Outcome {
    /** The new streams and outputs run. */
    RELOADED,
    /** The file holds what was read last: nothing was done. */
    UNCHANGED,
    /** The file is not valid (edited again meanwhile); the running pipeline was left alone. */
    INVALID,
    /** The new pipeline did not start; the previous one runs again. */
    NOT_STARTED
  }
}
