package io.datasipper.route;

import java.util.regex.Pattern;

/** Which names a stream may have. They end up in topic, table and file names, hence the small alphabet. */
final class StreamNames {
  static final String UNMATCHED = "_unmatched";
  static final String UNREADABLE = "_unreadable";
  static final String ALLOWED = "1 to 64 characters of a-z, 0-9, _, . and -";

  private static final Pattern NAME = Pattern.compile("[a-z0-9_.-]{1,64}");

  private StreamNames() {}

  /** Why {@code name} cannot name a stream, as a predicate ("is not ..."), or null when it can. */
  static String problem(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return "is not a valid stream name; expected " + ALLOWED;
    }
    if (name.equals(UNMATCHED)) {
      return "is reserved for the events that match no stream";
    }
    if (name.equals(UNREADABLE)) {
      return "is reserved for the stored events that cannot be read back";
    }
    return null;
  }
}
