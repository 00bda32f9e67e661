package io.datasipper.route;

/**
 * A condition compiled for one event type: constant parts folded away, fields bound to the slots
 * of an {@link EventView}. Made by {@link MatcherCompiler}.
 */
interface Matcher {
  Matcher TRUE = view -> true;
  Matcher FALSE = view -> false;

  boolean matches(EventView view);

  /** All parts match; tested in order, so the cheapest go first. */
  record All(Matcher[] parts) implements Matcher {
    @Override
    public boolean matches(EventView view) {
      for (Matcher part : parts) {
        if (!part.matches(view)) {
          return false;
        }
      }
      return true;
    }
  }

  /** At least one part matches. */
  record Any(Matcher[] parts) implements Matcher {
    @Override
    public boolean matches(EventView view) {
      for (Matcher part : parts) {
        if (part.matches(view)) {
          return true;
        }
      }
      return false;
    }
  }

  record Not(Matcher part) implements Matcher {
    @Override
    public boolean matches(EventView view) {
      return !part.matches(view);
    }
  }

  /** One comparison; its field is read once per event, at {@code slot}, however many rules test it. */
  record Test(int slot, Comparison comparison) implements Matcher {
    @Override
    public boolean matches(EventView view) {
      return comparison.test(view.value(slot, comparison.field()));
    }
  }

  /** A comparison of a value inside a JSON text: the {@code id}th path of the router's plan for it. */
  record JsonTest(JsonSource source, int id, Comparison comparison) implements Matcher {
    @Override
    public boolean matches(EventView view) {
      return comparison.test(view.planned(source, id));
    }
  }
}
