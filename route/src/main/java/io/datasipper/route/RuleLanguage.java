package io.datasipper.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rule language's own lists of fields and operators, for tools that build rules (the
 * dashboard's rule builder) so that they offer exactly what {@link RuleParser} accepts.
 */
public final class RuleLanguage {
  /** What an operator's {@code value} must be. */
  public enum ValueKind {
    /** No value ({@code exists}, {@code not_exists}). */
    NONE,
    /** A string, number or boolean ({@code equals}, {@code not_equals}). */
    SCALAR,
    /** Text; numbers and booleans are read as text ({@code contains}, {@code starts_with}...). */
    TEXT,
    /** A regular expression in Java syntax. */
    REGEX,
    /** A non-empty list of strings, numbers or booleans ({@code in}, {@code not_in}). */
    LIST,
    /** A number ({@code gt}, {@code gte}, {@code lt}, {@code lte}). */
    NUMBER
  }

  /** An operator by its name in rules and the value it takes. */
  public record OperatorInfo(String key, ValueKind value) {}

  /**
   * A field, or a family of fields that takes a parameter.
   *
   * @param name as written in rules, with the parameter's place shown: {@code query.<name>}
   * @param prefix for a family, what a field of it starts with ({@code query.}); null for a fixed field
   * @param types the event types that have the field
   */
  public record FieldInfo(String name, String prefix, List<String> types) {}

  private RuleLanguage() {}

  /** Every operator, in the order the rule language lists them. */
  public static List<OperatorInfo> operators() {
    return Arrays.stream(Operator.values()).map(op -> new OperatorInfo(op.key(), valueKind(op))).toList();
  }

  /** Every field and family of fields, in the order the rule language lists them. */
  public static List<FieldInfo> fields() {
    List<FieldInfo> fields = new ArrayList<>();
    for (String name : FieldCatalog.FAMILIES) {
      int place = name.indexOf('<');
      String prefix = place < 0 ? null : name.substring(0, place);
      // A family's types are those of any of its fields, such as query.x or response.json.x.
      Field sample = FieldCatalog.field(prefix == null ? name : prefix + "x");
      List<String> types = Arrays.stream(EventKind.values()).filter(sample::appliesTo).map(k -> k.type).toList();
      fields.add(new FieldInfo(name, prefix, types));
    }
    return List.copyOf(fields);
  }

  private static ValueKind valueKind(Operator op) {
    Operator positive = op.negationOf() == null ? op : op.negationOf();
    return switch (positive) {
      case EXISTS -> ValueKind.NONE;
      case EQUALS -> ValueKind.SCALAR;
      case CONTAINS, STARTS_WITH, ENDS_WITH -> ValueKind.TEXT;
      case REGEX -> ValueKind.REGEX;
      case IN -> ValueKind.LIST;
      case GT, GTE, LT, LTE -> ValueKind.NUMBER;
      default -> throw new IllegalStateException("not a positive operator: " + op);
    };
  }
}
