package io.datasipper.server.events;

import io.datasipper.api.json.IsoInstants;
import io.datasipper.store.EventFilter;
import io.datasipper.store.EventQuery;
import io.datasipper.store.PageQuery;
import io.datasipper.store.PageQuery.Order;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of {@code GET /api/events}, checked: each bad one is refused with its name
 * and value, so that a typo never silently widens a filter.
 *
 * @param page the page the parameters ask for
 * @param stream the stream whose rules the events must also pass; null for none
 * @param withStreams whether the answer says which configured streams take each event
 * @param summary whether the events are sent as their summaries (see {@link io.datasipper.server.EventSummary})
 */
record EventsRequest(PageQuery page, String stream, boolean withStreams, boolean summary) {
  static final int DEFAULT_LIMIT = 100;
  static final List<String> PARAMETERS = List.of("type", "url", "url_glob", "host", "method", "status_min",
      "status_max", "tab", "since", "until", "q", "search", "stream", "after", "before", "order", "limit",
      "with_streams", "summary");
  /** Not a filter: the dashboard's address carries the token, and a page may pass it on. */
  private static final Set<String> IGNORED = Set.of("token");
  private static final int LOWEST_STATUS = 100;
  private static final int HIGHEST_STATUS = 599;

  /** @throws BadParameter naming the first parameter that cannot be used */
  static EventsRequest parse(Map<String, List<String>> query) {
    for (String name : query.keySet()) {
      if (!PARAMETERS.contains(name) && !IGNORED.contains(name)) {
        throw new BadParameter("unknown parameter '" + name + "'; use one of " + String.join(", ", PARAMETERS));
      }
    }
    Params p = new Params(query);
    Integer statusMin = p.status("status_min");
    Integer statusMax = p.status("status_max");
    if (statusMin != null && statusMax != null && statusMin > statusMax) {
      throw new BadParameter("status_min " + statusMin + " is above status_max " + statusMax
          + ": no status is in that range");
    }
    Instant since = p.time("since");
    Instant until = p.time("until");
    if (since != null && until != null && !since.isBefore(until)) {
      throw new BadParameter("since " + p.one("since") + " is not before until " + p.one("until")
          + ": no time is in that range");
    }
    EventFilter.Builder filter = EventFilter.builder()
        .types(p.types())
        .urlContains(p.text("url"))
        .urlGlob(p.text("url_glob"))
        .host(p.text("host"))
        .method(p.method())
        .status(statusMin, statusMax)
        .tab(p.text("tab"))
        .time(since, until)
        .urlText(p.text("q"))
        .search(p.text("search"));
    long after = p.seq("after", 0);
    long before = p.seq("before", Long.MAX_VALUE);
    if (before <= after) {
      throw new BadParameter("before " + before + " is not above after " + after + ": no seq is between them");
    }
    return new EventsRequest(new PageQuery(built(filter), after, before, p.order(), p.limit()), p.text("stream"),
        p.flag("with_streams"), p.flag("summary"));
  }

  /** The filter, once the checks above have passed: what is left to refuse is a search without a word. */
  private static EventFilter built(EventFilter.Builder filter) {
    try {
      return filter.build();
    } catch (IllegalArgumentException e) {
      throw new BadParameter(e.getMessage());
    }
  }

  /** Reads one parameter at a time, refusing repeats and empty values. */
  private record Params(Map<String, List<String>> query) {
    String one(String name) {
      List<String> values = query.get(name);
      if (values == null || values.isEmpty()) {
        return null;
      }
      if (values.size() > 1) {
        throw new BadParameter(name + ": given " + values.size() + " times (" + String.join(", ", values)
            + "); give it once");
      }
      return values.getFirst();
    }

    String text(String name) {
      String value = one(name);
      if (value != null && value.isEmpty()) {
        throw new BadParameter(name + ": empty; leave the parameter out to match everything");
      }
      return value;
    }

    /** Types may be repeated ({@code type=http&type=sse}) or listed ({@code type=http,sse}). */
    List<String> types() {
      List<String> types = new ArrayList<>();
      for (String value : query.getOrDefault("type", List.of())) {
        for (String type : value.split(",", -1)) {
          String t = type.strip();
          if (!EventQuery.KNOWN_TYPES.contains(t)) {
            throw new BadParameter("type: unknown event type '" + t + "'; use one of "
                + String.join(", ", EventQuery.KNOWN_TYPES));
          }
          if (!types.contains(t)) {
            types.add(t);
          }
        }
      }
      return types;
    }

    String method() {
      String value = text("method");
      if (value != null && !value.chars().allMatch(ch -> ch > ' ' && ch < 127 && "()<>@,;:\\\"/[]?={}".indexOf(ch) < 0)) {
        throw new BadParameter("method: '" + value + "' is not an HTTP method name");
      }
      return value;
    }

    Integer status(String name) {
      String value = text(name);
      if (value == null) {
        return null;
      }
      int status = parseNumber(name, value, "an HTTP status");
      if (status < LOWEST_STATUS || status > HIGHEST_STATUS) {
        throw new BadParameter(name + ": " + value + " is not an HTTP status (" + LOWEST_STATUS + " to "
            + HIGHEST_STATUS + ")");
      }
      return status;
    }

    Instant time(String name) {
      String value = text(name);
      if (value == null) {
        return null;
      }
      try {
        return IsoInstants.parse(value);
      } catch (DateTimeParseException e) {
        throw new BadParameter(name + ": '" + value + "' is not a UTC time such as 2026-12-01T10:15:00Z");
      }
    }

    long seq(String name, long absent) {
      String value = text(name);
      if (value == null) {
        return absent;
      }
      long seq;
      try {
        seq = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new BadParameter(name + ": '" + value + "' is not a seq (a whole number from 0)");
      }
      if (seq < 0) {
        throw new BadParameter(name + ": '" + value + "' is not a seq (a whole number from 0)");
      }
      return seq;
    }

    boolean flag(String name) {
      String value = text(name);
      if (value == null) {
        return false;
      }
      return switch (value) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new BadParameter(name + ": '" + value + "' is neither true nor false");
      };
    }

    Order order() {
      String value = text("order");
      if (value == null) {
        return Order.NEWEST;
      }
      return switch (value) {
        case "newest" -> Order.NEWEST;
        case "oldest" -> Order.OLDEST;
        default -> throw new BadParameter("order: '" + value + "' is neither newest nor oldest");
      };
    }

    int limit() {
      String value = text("limit");
      if (value == null) {
        return DEFAULT_LIMIT;
      }
      int limit = parseNumber("limit", value, "a whole number");
      if (limit < 1 || limit > PageQuery.MAX_LIMIT) {
        throw new BadParameter("limit: " + value + " is not from 1 to " + PageQuery.MAX_LIMIT);
      }
      return limit;
    }

    private static int parseNumber(String name, String value, String what) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new BadParameter(name + ": '" + value + "' is not " + what);
      }
    }
  }
}
