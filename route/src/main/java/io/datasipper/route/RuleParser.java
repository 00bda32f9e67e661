package io.datasipper.route;

import io.datasipper.api.config.ConfigValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes {@link StreamRule}s from what a YAML or JSON parser gives for them: maps, lists, strings,
 * numbers, booleans. Everything is checked here, once: unknown keys, wrong types, unknown fields
 * and operators, bad regexes. Each {@link RuleException} names the path to the bad key, the bad
 * value and what is allowed.
 *
 * <pre>
 * name: api_calls
 * logic: AND                  # or OR, in any case; AND when left out
 * conditions:
 *   - {field: url, operator: contains, value: /api/}
 *   - logic: OR               # a nested group
 *     conditions: [{field: status, operator: gte, value: 500}, {field: error.kind, operator: exists}]
 *   - not: {field: method, operator: equals, value: OPTIONS}
 * output: kafka               # optional, kept as written
 * </pre>
 */
public final class RuleParser {
  private static final List<String> RULE_KEYS = List.of("name", "logic", "conditions", "output");
  private static final List<String> GROUP_KEYS = List.of("logic", "conditions");
  private static final List<String> NOT_KEYS = List.of("not");
  private static final List<String> COMPARISON_KEYS = List.of("field", "operator", "value", "case_insensitive");
  private static final String CONDITIONS =
      "conditions: {field, operator, value}, {logic, conditions} or {not: condition}";

  private RuleParser() {}

  /**
   * @param rule the map of one rule
   * @param path where the rule sits in its file, e.g. {@code streams[2]}, to start error paths with
   */
  public static StreamRule parse(Object rule, String path) {
    return rule(rules(path, rule));
  }

  /**
   * @param rules a list of rule maps; their names must differ
   * @param path where the list sits, e.g. {@code streams}; rules are at {@code streams[0]}, ...
   */
  public static List<StreamRule> parseAll(Object rules, String path) {
    List<StreamRule> parsed = new ArrayList<>();
    Map<String, String> pathsByName = new HashMap<>();
    for (ConfigValue node : rules(path, rules).list("stream rules, each with a name and conditions")) {
      StreamRule rule = rule(node);
      String earlier = pathsByName.putIfAbsent(rule.name(), node.path());
      if (earlier != null) {
        throw new RuleException(node.path() + ".name", "\"" + rule.name() + "\" is already the name of " + earlier);
      }
      parsed.add(rule);
    }
    return List.copyOf(parsed);
  }

  /** The rules at {@code path}, whose complaints are {@link RuleException}s. */
  private static ConfigValue rules(String path, Object value) {
    return ConfigValue.of(path, value, RuleException::new, "here");
  }

  private static StreamRule rule(ConfigValue node) {
    Map<String, ConfigValue> keys = node.mapping(RULE_KEYS);
    String name = name(node.required(keys, "name", ""));
    Condition condition = group(node, keys);
    ConfigValue output = keys.get("output");
    return new StreamRule(name, condition, output == null ? null : output.nonEmptyString("the name of an output"));
  }

  private static String name(ConfigValue node) {
    String name = node.nonEmptyString("a stream name of " + StreamNames.ALLOWED);
    String problem = StreamNames.problem(name);
    if (problem != null) {
      throw node.error(node.shown() + " " + problem);
    }
    return name;
  }

  private static ConditionGroup group(ConfigValue node, Map<String, ConfigValue> keys) {
    Logic logic = logic(keys.get("logic"));
    List<ConfigValue> items = node.required(keys, "conditions", ", a list of " + CONDITIONS).list(CONDITIONS);
    if (items.isEmpty()) {
      throw keys.get("conditions").error("expected at least one condition, got []");
    }
    List<Condition> conditions = new ArrayList<>(items.size());
    for (ConfigValue item : items) {
      conditions.add(condition(item));
    }
    return new ConditionGroup(logic, conditions);
  }

  private static Logic logic(ConfigValue node) {
    if (node == null) {
      return Logic.AND;
    }
    Logic logic = Logic.byName(node.nonEmptyString("AND or OR"));
    if (logic == null) {
      throw node.error(node.shown() + " is not a logic; expected AND or OR");
    }
    return logic;
  }

  /** Tells the three forms apart by their keys; a map with neither is read as a comparison. */
  private static Condition condition(ConfigValue node) {
    if (!(node.value() instanceof Map<?, ?> map)) {
      throw node.mismatch("one of the " + CONDITIONS);
    }
    if (map.containsKey("not")) {
      ConfigValue negated = node.mapping(NOT_KEYS).get("not");
      return new NotCondition(condition(negated));
    }
    if (map.containsKey("conditions") || map.containsKey("logic")) {
      return group(node, node.mapping(GROUP_KEYS));
    }
    return comparison(node);
  }

  private static Comparison comparison(ConfigValue node) {
    Map<String, ConfigValue> keys = node.mapping(COMPARISON_KEYS);
    Field field = field(node.required(keys, "field", ""));
    Operator operator = operator(node.required(keys, "operator", ""));
    ConfigValue ci = keys.get("case_insensitive");
    boolean caseInsensitive = ci != null && ci.bool();
    ConfigValue value = keys.get("value");
    ValueTest test = ValueTests.create(operator, value, caseInsensitive, node);
    Object written = value == null ? null : value.value() instanceof List<?> list ? List.copyOf(list) : value.value();
    return new Comparison(field, operator, written, caseInsensitive, test);
  }

  private static Field field(ConfigValue node) {
    String name = node.nonEmptyString("a field name such as url or response.json.items[0].price");
    try {
      return FieldCatalog.field(name);
    } catch (IllegalArgumentException e) {
      throw node.error(node.shown() + " " + e.getMessage());
    }
  }

  private static Operator operator(ConfigValue node) {
    Operator operator = Operator.byKey(node.nonEmptyString("an operator"));
    if (operator == null) {
      throw node.error(node.shown() + " is not an operator; expected one of " + String.join(", ", Operator.keys()));
    }
    return operator;
  }
}
