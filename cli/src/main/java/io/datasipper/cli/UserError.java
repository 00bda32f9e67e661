package io.datasipper.cli;

/** A problem the user can fix: printed as one line, with the exit code to end with. */
public final class UserError extends RuntimeException {
  private final int exitCode;

  public UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public static UserError usage(String message) {
    return new UserError(Main.USAGE, message);
  }

  public static UserError failure(String message) {
    return new UserError(Main.FAILURE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
