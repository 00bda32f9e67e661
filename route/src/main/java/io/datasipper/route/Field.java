package io.datasipper.route;

/**
 * A field of an event that conditions test, such as {@code url}, {@code response.headers.etag}
 * or {@code response.json.items[0].price}, made by {@link RuleParser} from its name (the names are
 * listed in the route module's README).
 *
 * <p>A field applies to some event types and is read by one reader per type. For the other types
 * it is missing, which the router uses to drop, per event type, the rules that cannot match.
 */
public final class Field {
  /** Reads the field from an event of one type; null when this event has no such value. */
  @FunctionalInterface
  interface Reader {
    Object read(EventView view);
  }

  /** Where a {@code *.json.<path>} field looks. */
  record JsonRef(JsonSource source, JsonPath path) {}

  private final String name;
  private final Reader[] readers;
  private final int cost;
  private final JsonRef json;

  /**
   * @param readers indexed by {@link EventKind#ordinal()}; null where the field does not apply
   * @param cost a rough relative cost of reading it, to test cheap fields first
   * @param json where the field looks when it is a value inside a JSON text, else null
   */
  Field(String name, Reader[] readers, int cost, JsonRef json) {
    this.name = name;
    this.readers = readers;
    this.cost = cost;
    this.json = json;
  }

  /** The field's name, with header names in lower case. */
  public String name() {
    return name;
  }

  boolean appliesTo(EventKind kind) {
    return readers[kind.ordinal()] != null;
  }

  int cost() {
    return cost;
  }

  /** Where the field looks inside a JSON text, or null when it is not such a field. */
  JsonRef json() {
    return json;
  }

  /** The value of this field in the event (see {@link Values}), or null when it has none. */
  Object read(EventView view) {
    Reader reader = readers[view.kind().ordinal()];
    return reader == null ? null : reader.read(view);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Field f && f.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
