package io.datasipper.export;

/**
 * A HAR file that cannot be imported, with the JSON path of the problem:
 * {@code log.entries[12].response.status: expected a number}.
 */
public final class HarFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HarFormatException(String path, String problem) {
    super(path + ": " + problem);
  }
}
