package io.datasipper.capture.redact;

import java.util.regex.Pattern;

/**
 * A redaction pattern with, when it has one, the literal text every match starts with. Most text
 * holds no secret: a plain search for that literal (which the JDK vectorises) rules it out far
 * faster than the regular expression would, and every WebSocket frame passes here.
 *
 * @param literal what every match contains, or null when that is not known
 */
record TextPattern(Pattern pattern, String literal, boolean ignoreCase) {
  private static final int MIN_LITERAL = 3;
  private static final String CASE_INSENSITIVE = "(?i)";

  static TextPattern compile(String regex) {
    Pattern pattern = Pattern.compile(regex);
    String rest = regex;
    boolean ignoreCase = rest.startsWith(CASE_INSENSITIVE);
    if (ignoreCase) {
      rest = rest.substring(CASE_INSENSITIVE.length());
    }
    if (rest.startsWith("\\b")) {
      rest = rest.substring(2);
    }
    String literal = leadingLiteral(rest);
    return new TextPattern(pattern, literal, ignoreCase);
  }

  /**
   * The plain characters the expression starts with; none when a choice ({@code |}) could let a
   * match avoid them, or when they are too few to be worth a search.
   */
  private static String leadingLiteral(String regex) {
    if (regex.indexOf('|') >= 0) {
      return null;
    }
    int end = 0;
    while (end < regex.length() && isPlain(regex.charAt(end))) {
      end++;
    }
    // A quantifier that allows zero of the last character makes it optional.
    if (end < regex.length() && "*?{".indexOf(regex.charAt(end)) >= 0) {
      end--;
    }
    return end >= MIN_LITERAL ? regex.substring(0, end) : null;
  }

  private static boolean isPlain(char c) {
    return Character.isLetterOrDigit(c) || " -_:=/<>'\",;!@#%&~".indexOf(c) >= 0;
  }

  /** Whether the text may hold a match: false only when it certainly holds none. */
  boolean mayMatch(String text) {
    if (literal == null) {
      return true;
    }
    if (!ignoreCase) {
      return text.contains(literal);
    }
    // Each place the first character occurs, in either case, found by the fast indexOf.
    char lower = Character.toLowerCase(literal.charAt(0));
    char upper = Character.toUpperCase(literal.charAt(0));
    int last = text.length() - literal.length();
    int nextLower = text.indexOf(lower);
    int nextUpper = lower == upper ? -1 : text.indexOf(upper);
    while (nextLower >= 0 || nextUpper >= 0) {
      boolean lowerFirst = nextUpper < 0 || nextLower >= 0 && nextLower < nextUpper;
      int at = lowerFirst ? nextLower : nextUpper;
      if (at > last) {
        return false;
      }
      if (text.regionMatches(true, at, literal, 0, literal.length())) {
        return true;
      }
      if (lowerFirst) {
        nextLower = text.indexOf(lower, at + 1);
      } else {
        nextUpper = text.indexOf(upper, at + 1);
      }
    }
    return false;
  }
}
