package io.datasipper.route;

import io.datasipper.api.config.ConfigValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Makes the {@link ValueTest} of an operator from its rule value, checking the value once so that
 * tests never fail. Everything that can be worked out ahead (regexes, lower-cased texts, sets) is.
 *
 * <p>Equality is numeric when the rule's value is a number ({@code 200} equals {@code 200.0} and
 * the header text {@code "200"}), textual otherwise. A boolean rule value is compared as text
 * ({@code true}).
 */
final class ValueTests {
  private static final String SCALAR = "a string, number or boolean";

  private ValueTests() {}

  /**
   * @param value the rule's {@code value}, or null when it has none
   * @param condition the comparison, for complaints about a missing value
   */
  static ValueTest create(Operator op, ConfigValue value, boolean caseInsensitive, ConfigValue condition) {
    Operator positive = op.negationOf() == null ? op : op.negationOf();
    if (positive == Operator.EXISTS) {
      if (value != null) {
        throw value.error("operator " + op.key() + " takes no value; remove the key value");
      }
    } else if (value == null) {
      throw condition.error("missing the key value, which operator " + op.key() + " needs");
    }
    ValueTest test = positive(positive, op, value, caseInsensitive);
    return positive == op ? test : v -> !test.test(v);
  }

  private static ValueTest positive(Operator op, Operator written, ConfigValue value, boolean ci) {
    return switch (op) {
      case EQUALS -> value.value() instanceof Number n && !(n instanceof BigInteger)
          ? numericEquals(number(value, written))
          : textEquals(scalarText(value, written), ci);
      case CONTAINS -> contains(scalarText(value, written), ci);
      case STARTS_WITH -> startsWith(scalarText(value, written), ci);
      case ENDS_WITH -> endsWith(scalarText(value, written), ci);
      case REGEX -> regex(value, ci);
      case IN -> in(value, written, ci);
      case GT -> compare(number(value, written), +1, false);
      case GTE -> compare(number(value, written), +1, true);
      case LT -> compare(number(value, written), -1, false);
      case LTE -> compare(number(value, written), -1, true);
      case EXISTS -> v -> v != null;
      default -> throw new IllegalStateException("not a positive operator: " + op);
    };
  }

  private static ValueTest numericEquals(double expected) {
    return v -> v != null && Values.number(v) == expected;
  }

  private static ValueTest textEquals(String expected, boolean ci) {
    return ci
        ? v -> v != null && Values.text(v).equalsIgnoreCase(expected)
        : v -> v != null && Values.text(v).equals(expected);
  }

  private static ValueTest contains(String part, boolean ci) {
    return ci
        ? v -> v != null && containsIgnoreCase(Values.text(v), part)
        : v -> v != null && Values.text(v).contains(part);
  }

  private static ValueTest startsWith(String prefix, boolean ci) {
    return v -> v != null && Values.text(v).regionMatches(ci, 0, prefix, 0, prefix.length());
  }

  private static ValueTest endsWith(String suffix, boolean ci) {
    return v -> {
      if (v == null) {
        return false;
      }
      String text = Values.text(v);
      return text.regionMatches(ci, text.length() - suffix.length(), suffix, 0, suffix.length());
    };
  }

  /** Matches anywhere in the value, like grep: anchor with ^ and $ for the whole value. */
  private static ValueTest regex(ConfigValue value, boolean ci) {
    String regex = value.nonEmptyString("a regular expression (a non-empty string)");
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex, ci ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    } catch (PatternSyntaxException e) {
      throw value.error(value.shown() + " is not a valid regular expression: " + e.getDescription()
          + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
    }
    return v -> v != null && pattern.matcher(Values.text(v)).find();
  }

  private static ValueTest in(ConfigValue value, Operator written, boolean ci) {
    List<ConfigValue> items = value.list(SCALAR + " values, e.g. [\"GET\", \"POST\"] or [200, 204]");
    if (items.isEmpty()) {
      throw value.error("expected at least one value to compare with, got []");
    }
    Set<String> texts = new HashSet<>();
    List<Double> numbers = new ArrayList<>();
    for (ConfigValue item : items) {
      if (item.value() instanceof Number n && !(n instanceof BigInteger)) {
        numbers.add(number(item, written));
      } else {
        String text = scalarText(item, written);
        texts.add(ci ? text.toLowerCase(Locale.ROOT) : text);
      }
    }
    double[] expected = numbers.stream().mapToDouble(Double::doubleValue).toArray();
    return v -> v != null
        && ((expected.length > 0 && inNumbers(Values.number(v), expected)) || inTexts(Values.text(v), texts, ci));
  }

  private static boolean inNumbers(double n, double[] expected) {
    for (double e : expected) {
      if (n == e) {
        return true;
      }
    }
    return false;
  }

  private static boolean inTexts(String text, Set<String> texts, boolean ci) {
    return !texts.isEmpty() && texts.contains(ci ? text.toLowerCase(Locale.ROOT) : text);
  }

  /** @param sign +1 for greater than, -1 for less than */
  private static ValueTest compare(double bound, int sign, boolean orEqual) {
    // Comparisons with NaN are false, so a field that is not a number never matches.
    if (sign > 0) {
      return orEqual ? v -> v != null && Values.number(v) >= bound : v -> v != null && Values.number(v) > bound;
    }
    return orEqual ? v -> v != null && Values.number(v) <= bound : v -> v != null && Values.number(v) < bound;
  }

  private static String scalarText(ConfigValue value, Operator op) {
    if (!value.isScalar()) {
      throw value.mismatch(SCALAR + " for operator " + op.key());
    }
    return Values.text(value.value());
  }

  private static double number(ConfigValue value, Operator op) {
    if (!(value.value() instanceof Number n)) {
      throw value.mismatch("a number for operator " + op.key());
    }
    double d = n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue();
    if (!Double.isFinite(d)) {
      throw value.mismatch("a finite number for operator " + op.key());
    }
    return d;
  }

  static boolean containsIgnoreCase(String text, String part) {
    int last = text.length() - part.length();
    for (int i = 0; i <= last; i++) {
      if (text.regionMatches(true, i, part, 0, part.length())) {
        return true;
      }
    }
    return false;
  }
}
