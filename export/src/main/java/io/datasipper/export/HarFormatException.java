package io.datasipper.export;

/**
 * A HAR file that cannot be imported, with the JSON path of the problem:
 * {@code log.entries[12].response.status: expected a number}; a problem of the whole file has no
 * path: {@code empty}.
 */
public final class HarFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HarFormatException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
  }

  /** A problem of the whole file, before or outside its JSON: {@code empty}. */
  HarFormatException(String problem) {
    this("", problem);
  }
}
