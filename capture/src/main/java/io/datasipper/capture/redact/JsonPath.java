package io.datasipper.capture.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON path of the simple kind that names one place in a document: {@code $}, then
 * {@code .name}, {@code ['name']}, {@code [3]}, {@code [*]} or {@code .*} steps. Names compare
 * without regard to case, as the other redaction rules do.
 */
record JsonPath(String text, List<String> steps) {
  /** A step that matches any key or index. */
  static final String ANY = "*";
  static final String SYNTAX = "a JSON path such as $.user.password, $.items[*].token or $['api-key']";

  static JsonPath parse(String text) {
    if (!text.startsWith("$")) {
      throw invalid(text, "it must start with $");
    }
    List<String> steps = new ArrayList<>();
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        String name = text.substring(i + 1, end);
        if (name.isEmpty()) {
          throw invalid(text, "an empty name at index " + i);
        }
        steps.add(name.toLowerCase(java.util.Locale.ROOT));
        i = end;
      } else if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw invalid(text, "an unclosed [ at index " + i);
        }
        String inside = text.substring(i + 1, close).trim();
        if (inside.equals("*") || inside.matches("\\d+")) {
          steps.add(inside);
        } else if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
            || inside.startsWith("\"") && inside.endsWith("\""))) {
          steps.add(inside.substring(1, inside.length() - 1).toLowerCase(java.util.Locale.ROOT));
        } else {
          throw invalid(text, "[" + inside + "] at index " + i + " is neither an index, * nor a quoted name");
        }
        i = close + 1;
      } else {
        throw invalid(text, "unexpected '" + c + "' at index " + i);
      }
    }
    if (steps.isEmpty()) {
      throw invalid(text, "it names the whole document");
    }
    return new JsonPath(text, List.copyOf(steps));
  }

  /** Whether a value at this stack of keys and indexes (indexes as decimal text) is the one named. */
  boolean matches(List<String> at) {
    if (at.size() != steps.size()) {
      return false;
    }
    for (int i = 0; i < steps.size(); i++) {
      String step = steps.get(i);
      if (!step.equals(ANY) && !step.equals(at.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("is not " + SYNTAX + ": " + why);
  }
}
