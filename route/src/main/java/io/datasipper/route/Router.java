package io.datasipper.route;

import io.datasipper.api.event.CaptureEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Routes events into named streams. An event goes into every stream whose rule it matches, in the
 * order of the rules, or into {@value #UNMATCHED} alone when it matches none.
 *
 * <p>The rules are compiled once per event type (see {@link MatcherCompiler}), so an event is
 * tested only against the rules that can match its type, and each of its fields is read, and each
 * JSON body parsed, at most once however many rules use it. Immutable and safe to share between
 * threads.
 */
public final class Router {
  /** The stream of events that match no rule. No rule may have this name. */
  public static final String UNMATCHED = StreamNames.UNMATCHED;
  /** The stream of stored events that cannot be read back, so cannot be routed. No rule may have this name. */
  public static final String UNREADABLE = StreamNames.UNREADABLE;

  private static final List<String> UNMATCHED_ONLY = List.of(UNMATCHED);

  private final List<StreamRule> rules;
  /** Per {@link EventKind#ordinal()}: the rules that can match events of that type. */
  private final CompiledRule[][] rulesByKind;
  private final int slotCount;
  private final JsonPlan[] jsonPlans;
  /** By type name: the streams of every event of that type, for the types the rules decide by type alone. */
  private final Map<String, List<String>> byTypeAlone = new HashMap<>();

  private record CompiledRule(String name, Matcher matcher) {}

  /** @throws IllegalArgumentException when two rules have the same name */
  public Router(List<StreamRule> rules) {
    this.rules = List.copyOf(rules);
    Set<String> names = new HashSet<>();
    for (StreamRule rule : this.rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("two stream rules are named " + rule.name());
      }
    }
    MatcherCompiler compiler = new MatcherCompiler();
    EventKind[] kinds = EventKind.values();
    rulesByKind = new CompiledRule[kinds.length][];
    for (EventKind kind : kinds) {
      List<CompiledRule> candidates = new ArrayList<>();
      for (StreamRule rule : this.rules) {
        Matcher matcher = compiler.compile(rule.condition(), kind);
        if (matcher != Matcher.FALSE) {
          candidates.add(new CompiledRule(rule.name(), matcher));
        }
      }
      rulesByKind[kind.ordinal()] = candidates.toArray(CompiledRule[]::new);
      if (candidates.stream().allMatch(r -> r.matcher() == Matcher.TRUE)) {
        List<String> streams = candidates.stream().map(CompiledRule::name).toList();
        byTypeAlone.put(kind.type, streams.isEmpty() ? UNMATCHED_ONLY : streams);
      }
    }
    slotCount = compiler.slotCount();
    jsonPlans = compiler.jsonPlans();
  }

  public List<StreamRule> rules() {
    return rules;
  }

  /**
   * The streams {@code event} goes into: the names of all rules it matches, in rule order, or
   * exactly {@code [_unmatched]}. The list is unmodifiable.
   */
  public List<String> route(CaptureEvent event) {
    return route(view(event));
  }

  /**
   * The streams of every event of type {@code type}, when the rules decide by the type alone (they
   * test no other field of such events); null when they must see the event ({@link #route}).
   * Lets a reader that has the type at hand skip reading the rest of the event.
   */
  public List<String> streamsForType(String type) {
    return byTypeAlone.get(type);
  }

  /**
   * {@link #route(CaptureEvent)} for an event of type {@code type} that may cost to get (one stored,
   * to be read back): it is asked for only when the rules must see more than its type.
   */
  public List<String> route(String type, Supplier<CaptureEvent> event) {
    List<String> byType = type == null ? null : streamsForType(type);
    return byType != null ? byType : route(event.get());
  }

  /** A view of {@code event} with room for every field the rules read. */
  EventView view(CaptureEvent event) {
    return new EventView(event, EventKind.of(event), slotCount, jsonPlans);
  }

  List<String> route(EventView view) {
    CompiledRule[] candidates = rulesByKind[view.kind().ordinal()];
    List<String> streams = null;
    for (CompiledRule rule : candidates) {
      if (rule.matcher().matches(view)) {
        if (streams == null) {
          streams = new ArrayList<>(4);
        }
        streams.add(rule.name());
      }
    }
    return streams == null ? UNMATCHED_ONLY : Collections.unmodifiableList(streams);
  }
}
