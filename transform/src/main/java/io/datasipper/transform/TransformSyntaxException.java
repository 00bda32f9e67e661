package io.datasipper.transform;

/**
 * A transform script that cannot be used: a syntax error, a failure while running its top level, or
 * no {@code transform} function. The message names the stream and, when known, the line and column.
 */
public final class TransformSyntaxException extends Exception {
  private final String stream;
  private final int line;
  private final int column;

  public TransformSyntaxException(String stream, int line, int column, String message) {
    super("stream '" + stream + "': " + (line > 0 ? "line " + line + ", column " + column + ": " : "") + message);
    this.stream = stream;
    this.line = line;
    this.column = column;
  }

  public String stream() {
    return stream;
  }

  /** 1-based line of the error, or 0 when it has no place in the source. */
  public int line() {
    return line;
  }

  /** 1-based column of the error, or 0 when it has no place in the source. */
  public int column() {
    return column;
  }
}
