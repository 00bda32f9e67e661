package io.datasipper.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles conditions into {@link Matcher}s for one event type at a time. What is known from the
 * type alone is decided here rather than per event: {@code type} comparisons, and comparisons of
 * fields the type never has (which see a missing value). A rule that cannot match an event type
 * then compiles to {@link Matcher#FALSE} for it and the router skips it. Within groups, cheap
 * tests go before costly ones (a JSON body is parsed only if the URL test passed); conditions have
 * no side effects, so the order does not change what matches.
 */
final class MatcherCompiler {
  private final Map<String, Integer> slots = new HashMap<>();
  /** Per {@link JsonSource#ordinal()}: the paths read inside that JSON text, by their index in its plan. */
  private final List<Map<JsonPath, Integer>> jsonPaths = Arrays.stream(JsonSource.values())
      .map(source -> (Map<JsonPath, Integer>) new LinkedHashMap<JsonPath, Integer>()).toList();

  /** How many distinct fields the compiled matchers read: the size of an {@link EventView}'s cache. */
  int slotCount() {
    return slots.size();
  }

  /**
   * What the compiled matchers read inside JSON texts, by {@link JsonSource#ordinal()}, so that
   * each text is read once for all of them; null where they read nothing.
   */
  JsonPlan[] jsonPlans() {
    return jsonPaths.stream().map(paths -> paths.isEmpty() ? null : new JsonPlan(List.copyOf(paths.keySet())))
        .toArray(JsonPlan[]::new);
  }

  Matcher compile(Condition condition, EventKind kind) {
    return compiled(condition, kind).matcher;
  }

  private record Compiled(Matcher matcher, int cost) {}

  private Compiled compiled(Condition condition, EventKind kind) {
    return switch (condition) {
      case Comparison c -> comparison(c, kind);
      case NotCondition n -> not(compiled(n.condition(), kind));
      case ConditionGroup g -> group(g, kind);
    };
  }

  private Compiled comparison(Comparison c, EventKind kind) {
    Field field = c.field();
    if (!field.appliesTo(kind)) {
      return constant(c.test(null));
    }
    if (field.name().equals("type")) {
      return constant(c.test(kind.type));
    }
    int cost = field.cost() + (c.operator() == Operator.REGEX ? 5 : 1);
    Field.JsonRef json = field.json();
    if (json != null) {
      // The plan's values are the cache of these fields: no slot needed.
      Map<JsonPath, Integer> paths = jsonPaths.get(json.source().ordinal());
      int id = paths.computeIfAbsent(json.path(), path -> paths.size());
      return new Compiled(new Matcher.JsonTest(json.source(), id, c), cost);
    }
    int slot = slots.computeIfAbsent(field.name(), name -> slots.size());
    return new Compiled(new Matcher.Test(slot, c), cost);
  }

  private static Compiled not(Compiled inner) {
    if (inner.matcher == Matcher.TRUE || inner.matcher == Matcher.FALSE) {
      return constant(inner.matcher == Matcher.FALSE);
    }
    return new Compiled(new Matcher.Not(inner.matcher), inner.cost);
  }

  private Compiled group(ConditionGroup group, EventKind kind) {
    boolean and = group.logic() == Logic.AND;
    // The constant that decides the group at once: FALSE in an AND, TRUE in an OR.
    Matcher decisive = and ? Matcher.FALSE : Matcher.TRUE;
    List<Compiled> parts = new ArrayList<>();
    for (Condition condition : group.conditions()) {
      Compiled part = compiled(condition, kind);
      if (part.matcher == decisive) {
        return part;
      }
      if (part.matcher != Matcher.TRUE && part.matcher != Matcher.FALSE) {
        parts.add(part);
      }
    }
    if (parts.isEmpty()) {
      return constant(and); // every part was the neutral constant
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    parts.sort(Comparator.comparingInt(Compiled::cost));
    Matcher[] matchers = parts.stream().map(Compiled::matcher).toArray(Matcher[]::new);
    int cost = parts.stream().mapToInt(Compiled::cost).sum();
    return new Compiled(and ? new Matcher.All(matchers) : new Matcher.Any(matchers), cost);
  }

  private static Compiled constant(boolean value) {
    return new Compiled(value ? Matcher.TRUE : Matcher.FALSE, 0);
  }
}
