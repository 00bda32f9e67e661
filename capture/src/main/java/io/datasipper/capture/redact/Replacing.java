package io.datasipper.capture.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces what a pattern finds: the groups of each match when it has groups, else the whole match. */
final class Replacing {
  private Replacing() {}

  static String replace(Pattern pattern, String text, String replacement) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    do {
      if (m.groupCount() == 0) {
        copied = replaceSpan(text, out, copied, m.start(), m.end(), replacement);
      } else {
        for (int g = 1; g <= m.groupCount(); g++) {
          copied = replaceSpan(text, out, copied, m.start(g), m.end(g), replacement);
        }
      }
    } while (m.find());
    return out.append(text, copied, text.length()).toString();
  }

  /** Empty spans and spans of groups that did not take part are left alone: there is nothing to hide. */
  private static int replaceSpan(String text, StringBuilder out, int copied, int start, int end, String replacement) {
    if (start < copied || end <= start) {
      return copied;
    }
    out.append(text, copied, start).append(replacement);
    return end;
  }
}
