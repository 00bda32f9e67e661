package io.datasipper.capture.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces what patterns find: the groups of each match when it has groups, else the whole match.
 * All patterns search the original text and the spans are replaced together, so that no pattern
 * matches inside another's replacement.
 */
final class Replacing {
  private Replacing() {}

  static String replace(Pattern pattern, String text, String replacement) {
    List<int[]> spans = new ArrayList<>();
    collect(pattern, text, spans);
    return apply(text, spans, replacement);
  }

  static String replace(List<TextPattern> patterns, String text, String replacement) {
    List<int[]> spans = null;
    for (TextPattern p : patterns) {
      if (p.mayMatch(text)) {
        if (spans == null) {
          spans = new ArrayList<>();
        }
        collect(p.pattern(), text, spans);
      }
    }
    return spans == null ? text : apply(text, spans, replacement);
  }

  /** Empty spans and groups that did not take part are left out: there is nothing to hide. */
  private static void collect(Pattern pattern, String text, List<int[]> spans) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (m.groupCount() == 0) {
        add(spans, m.start(), m.end());
      } else {
        for (int g = 1; g <= m.groupCount(); g++) {
          add(spans, m.start(g), m.end(g));
        }
      }
    }
  }

  private static void add(List<int[]> spans, int start, int end) {
    if (start >= 0 && end > start) {
      spans.add(new int[] {start, end});
    }
  }

  /** Overlapping spans become one. */
  private static String apply(String text, List<int[]> spans, String replacement) {
    if (spans.isEmpty()) {
      return text;
    }
    spans.sort(Comparator.comparingInt(s -> s[0]));
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int[] span : spans) {
      if (span[1] <= copied) {
        continue;
      }
      out.append(text, copied, Math.max(copied, span[0]));
      if (span[0] >= copied) {
        out.append(replacement);
      }
      copied = span[1];
    }
    return out.append(text, copied, text.length()).toString();
  }
}
