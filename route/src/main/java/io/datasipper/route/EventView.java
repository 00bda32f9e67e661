package io.datasipper.route;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.Source;
import java.util.List;

/**
 * One event while it is being routed. It remembers what is costly to work out, so that however
 * many streams test an event, each field is read once, the URL is split once and each JSON body is
 * read once. Used by one thread for one event, then dropped.
 */
final class EventView {
  /** Stands for "read, and absent" in the caches, where null means "not read yet". */
  private static final Object MISSING = new Object();
  private static final JsonPlan[] NO_PLANS = new JsonPlan[JsonSource.values().length];

  private final CaptureEvent event;
  private final EventKind kind;
  private final Object[] values;
  private final JsonPlan[] plans;
  private Object[][] jsonValues;
  private int jsonReads;
  private UrlParts urlParts;
  private boolean urlSplit;

  /** A view without slots or JSON plans, to read fields one by one. */
  EventView(CaptureEvent event) {
    this(event, EventKind.of(event), 0, NO_PLANS);
  }

  /**
   * @param slots how many distinct fields the caller will ask for by slot
   * @param plans the JSON paths the caller will ask for, by {@link JsonSource#ordinal()}; null
   *     entries where it asks for none
   */
  EventView(CaptureEvent event, EventKind kind, int slots, JsonPlan[] plans) {
    this.event = event;
    this.kind = kind;
    this.values = new Object[slots];
    this.plans = plans;
  }

  CaptureEvent event() {
    return event;
  }

  EventKind kind() {
    return kind;
  }

  /** The value of {@code field}, which the caller keeps at {@code slot}; read on first use. */
  Object value(int slot, Field field) {
    Object value = values[slot];
    if (value == null) {
      value = field.read(this);
      values[slot] = value == null ? MISSING : value;
      return value;
    }
    return value == MISSING ? null : value;
  }

  /** The event's URL; null for events without one, and for the empty URL of a WebSocket opened before capture. */
  String url() {
    String url = event.url();
    return url == null || url.isEmpty() ? null : url;
  }

  UrlParts urlParts() {
    if (!urlSplit) {
      String url = url();
      urlParts = url == null ? null : UrlParts.parse(url);
      urlSplit = true;
    }
    return urlParts;
  }

  Source source() {
    return event.source();
  }

  /**
   * The value at {@code path} in the JSON text {@code source}. The first call for a source reads
   * the text once for all the paths planned for it; a path nobody planned (a view made outside a
   * router) is read on its own.
   */
  Object json(JsonSource source, JsonPath path) {
    JsonPlan plan = plans[source.ordinal()];
    int id = plan == null ? -1 : plan.id(path);
    if (id < 0) {
      jsonReads++;
      return new JsonPlan(List.of(path)).read(source.text(event))[0];
    }
    return planned(source, id);
  }

  /** The value of the {@code id}th path of the plan for {@code source}. */
  Object planned(JsonSource source, int id) {
    if (jsonValues == null) {
      jsonValues = new Object[JsonSource.values().length][];
    }
    Object[] values = jsonValues[source.ordinal()];
    if (values == null) {
      jsonReads++;
      values = plans[source.ordinal()].read(source.text(event));
      jsonValues[source.ordinal()] = values;
    }
    return values[id];
  }

  /** How many times a JSON text of this event was read: at most once per source when routed. */
  int jsonReads() {
    return jsonReads;
  }
}
