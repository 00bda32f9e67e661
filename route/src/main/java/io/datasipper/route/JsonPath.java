package io.datasipper.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path into a JSON document, as written after {@code response.json} and the like:
 * {@code .a.b}, {@code .items[0].price}, {@code [0].id} for a top-level array, or nothing for the
 * whole document. Keys are matched exactly; a key that holds a dot or a bracket cannot be named.
 */
final class JsonPath {
  static final String SYNTAX = "a path such as .a.b, .items[0].price or [0].id";

  private final String text;
  /** Each step is a String key or an Integer array index. */
  private final Object[] steps;

  private JsonPath(String text, Object[] steps) {
    this.text = text;
    this.steps = steps;
  }

  /** @throws IllegalArgumentException saying what is wrong with {@code path} */
  static JsonPath parse(String path) {
    List<Object> steps = new ArrayList<>();
    int i = 0;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw new IllegalArgumentException("empty key at character " + (i + 1) + " of " + path);
        }
        steps.add(path.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("[ without ] in " + path);
        }
        String index = path.substring(i + 1, close);
        if (!index.matches("[0-9]{1,9}")) {
          throw new IllegalArgumentException("[" + index + "] is not an array index; expected [0], [1], ...");
        }
        steps.add(Integer.valueOf(index));
        i = close + 1;
      } else {
        throw new IllegalArgumentException("expected . or [ at character " + (i + 1) + " of " + path);
      }
    }
    return new JsonPath(path, steps.toArray());
  }

  int length() {
    return steps.length;
  }

  /** Step {@code i}: a String key or an Integer index. */
  Object step(int i) {
    return steps[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonPath p && Arrays.equals(p.steps, steps);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(steps);
  }

  @Override
  public String toString() {
    return text;
  }
}
