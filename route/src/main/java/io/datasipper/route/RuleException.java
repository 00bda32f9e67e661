package io.datasipper.route;

/**
 * A stream rule that cannot be used. The message is one line, {@code path: problem}: the path to
 * the bad key (e.g. {@code streams[2].conditions[0].operator}), the bad value and what is allowed.
 *
 * <p>Unchecked because rules are read once, when a config is loaded, and the only sensible
 * reaction to a bad one is to show this message and stop; callers that load config files
 * usually prefix it with the file name.
 */
public final class RuleException extends RuntimeException {
  private final String path;
  private final String problem;

  public RuleException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  /** Where the bad key sits, e.g. {@code streams[2].conditions[0].operator}; empty at the top. */
  public String path() {
    return path;
  }

  /** What is wrong with it, without the path. */
  public String problem() {
    return problem;
  }
}
