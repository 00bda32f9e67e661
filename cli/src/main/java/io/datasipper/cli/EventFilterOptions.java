package io.datasipper.cli;

import io.datasipper.store.EventFilter;
import io.datasipper.store.EventQuery;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options that choose stored events, the filters of {@code GET /api/events}: a user at the
 * command line asks what the dashboard asks, and each bad value is refused naming its option.
 */
final class EventFilterOptions {
  private static final int LOWEST_STATUS = 100;
  private static final int HIGHEST_STATUS = 599;
  /** 404, 400-499 or 4xx. */
  private static final Pattern STATUS = Pattern.compile("(\\d{3})(?:-(\\d{3}))?|([1-5])xx");

  @Option(names = "--type", paramLabel = "TYPE", split = ",", completionCandidates = KnownTypes.class,
      description = "Only events of this type (repeat it, or list types with commas): ${COMPLETION-CANDIDATES}.")
  List<String> types;

  @Option(names = "--url-contains", paramLabel = "TEXT",
      description = "Only events whose URL contains TEXT (case-sensitive).")
  String urlContains;

  @Option(names = "--url-glob", paramLabel = "PATTERN",
      description = "Only events whose whole URL matches PATTERN (case-sensitive): * is any run of characters,"
          + " ? any one character.")
  String urlGlob;

  @Option(names = "--host", paramLabel = "HOST", description = "Only events of this host (no port), e.g. api.example.com.")
  String host;

  @Option(names = "--method", paramLabel = "METHOD", description = "Only HTTP exchanges with this method, e.g. POST.")
  String method;

  @Option(names = "--status", paramLabel = "STATUS",
      description = "Only HTTP exchanges answered with this status (404), one in a range (400-499) or of a class (5xx).")
  String status;

  @Option(names = "--tab", paramLabel = "ID", description = "Only events of the tab with this DevTools target id.")
  String tab;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only events at or after TIME: a UTC time (2026-12-01T10:15:00Z) or a DURATION ago (10m, 2h).")
  String since;

  @Option(names = "--until", paramLabel = "TIME",
      description = "Only events before TIME: a UTC time or a DURATION ago, as --since.")
  String until;

  @Option(names = "--search", paramLabel = "TEXT",
      description = "Only events whose URL or text bodies hold every word of TEXT, ignoring case and accents;"
          + " a word ending in * also matches longer words it starts (full-text search).")
  String search;

  /**
   * The filter the options ask for; a time given as a duration counts back from {@code now}.
   *
   * @throws UserError naming the option whose value cannot be used
   */
  EventFilter filter(Instant now) {
    List<String> typeList = types == null ? List.of() : types.stream().map(String::strip).distinct().toList();
    for (String type : typeList) {
      if (!EventQuery.KNOWN_TYPES.contains(type)) {
        throw UserError.usage("unknown event type '" + type + "': use one of " + String.join(", ", EventQuery.KNOWN_TYPES));
      }
    }
    Instant from = TimeOption.parse("--since", since, now);
    Instant to = TimeOption.parse("--until", until, now);
    if (from != null && to != null && !from.isBefore(to)) {
      throw UserError.usage("--since " + since + " (" + from + ") is not before --until " + until + " (" + to
          + "): no event is between them");
    }
    int[] statuses = statuses();
    try {
      return EventFilter.builder()
          .types(typeList)
          .urlContains(urlContains)
          .urlGlob(urlGlob)
          .host(host)
          .method(method)
          .status(statuses == null ? null : statuses[0], statuses == null ? null : statuses[1])
          .tab(tab)
          .time(from, to)
          .search(search)
          .build();
    } catch (IllegalArgumentException e) {
      // What is left to refuse is a search without a word: "search: ..." names the option.
      throw UserError.usage("--" + e.getMessage());
    }
  }

  /** The lowest and highest status asked for, or null for any. */
  private int[] statuses() {
    if (status == null) {
      return null;
    }
    Matcher m = STATUS.matcher(status.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw UserError.usage("--status: '" + status + "' is not an HTTP status (404), a range of them (400-499)"
          + " or a class (5xx)");
    }
    if (m.group(3) != null) {
      int hundreds = Integer.parseInt(m.group(3)) * 100;
      return new int[] {hundreds, hundreds + 99};
    }
    int low = Integer.parseInt(m.group(1));
    int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
    if (low > high) {
      throw UserError.usage("--status: '" + status + "' is an empty range: put the lower status first");
    }
    if (low < LOWEST_STATUS || high > HIGHEST_STATUS) {
      throw UserError.usage("--status: '" + status + "' is no status or range of them between " + LOWEST_STATUS
          + " and " + HIGHEST_STATUS);
    }
    return new int[] {low, high};
  }

  /** Lets the help list the types and shells complete them. */
  static final class KnownTypes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return EventQuery.KNOWN_TYPES.iterator();
    }
  }
}
