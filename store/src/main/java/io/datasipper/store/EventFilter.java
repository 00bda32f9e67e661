package io.datasipper.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Which stored events a {@link PageQuery} selects. Every criterion is optional (null or empty for
 * "any") and they are ANDed. Criteria on what an event type lacks never match it: an event without
 * a URL (a gap, a capture error) matches no URL criterion, one without a response status (a
 * WebSocket frame, a failed request) no status range.
 *
 * @param types only events of these types; empty for all
 * @param urlContains only URLs containing this text, case-sensitively ({@code %} and {@code _} are literal)
 * @param urlGlob only URLs matching this whole pattern, case-sensitively: {@code *} is any run of
 *     characters, {@code ?} any one character, every other character itself
 * @param host only URLs of this host (lower case, without port; IPv6 addresses in brackets)
 * @param method only HTTP exchanges with this request method (upper case)
 * @param statusMin only HTTP exchanges with a response status at least this
 * @param statusMax only HTTP exchanges with a response status at most this
 * @param tab only events of this tab (the DevTools target id in the event's {@code source.tab_id})
 * @param since only events whose timestamp is at or after this
 * @param until only events whose timestamp is before this
 * @param urlText only URLs containing this text, ignoring the case of ASCII letters
 * @param search only events whose URL or text bodies hold every word of this text (see {@link SearchText})
 */
public record EventFilter(
    List<String> types,
    String urlContains,
    String urlGlob,
    String host,
    String method,
    Integer statusMin,
    Integer statusMax,
    String tab,
    Instant since,
    Instant until,
    String urlText,
    String search) {

  /** Every event. */
  public static final EventFilter ALL = builder().build();

  /**
   * @throws IllegalArgumentException naming the criterion for an unknown type, an empty range or a
   *     search without a word
   */
  public EventFilter {
    types = types == null ? List.of() : List.copyOf(types);
    for (String type : types) {
      if (!EventQuery.KNOWN_TYPES.contains(type)) {
        throw new IllegalArgumentException(
            "types: unknown event type '" + type + "'; use one of " + String.join(", ", EventQuery.KNOWN_TYPES));
      }
    }
    if (statusMin != null && statusMax != null && statusMin > statusMax) {
      throw new IllegalArgumentException(
          "statusMin " + statusMin + " is above statusMax " + statusMax + ": no status is in that range");
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException("since " + since + " is not before until " + until + ": no time is in that range");
    }
    if (search != null) {
      SearchText.ftsQuery(search);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a filter one criterion at a time; unset criteria match everything. */
  public static final class Builder {
    private List<String> types = List.of();
    private String urlContains;
    private String urlGlob;
    private String host;
    private String method;
    private Integer statusMin;
    private Integer statusMax;
    private String tab;
    private Instant since;
    private Instant until;
    private String urlText;
    private String search;

    private Builder() {}

    public Builder types(List<String> value) {
      types = value;
      return this;
    }

    public Builder types(String... value) {
      return types(List.of(value));
    }

    public Builder urlContains(String value) {
      urlContains = value;
      return this;
    }

    public Builder urlGlob(String value) {
      urlGlob = value;
      return this;
    }

    /** Compared in lower case, as hosts are stored. */
    public Builder host(String value) {
      host = value == null ? null : value.toLowerCase(Locale.ROOT);
      return this;
    }

    /** Compared in upper case, as browsers send the standard methods. */
    public Builder method(String value) {
      method = value == null ? null : value.toUpperCase(Locale.ROOT);
      return this;
    }

    public Builder status(Integer min, Integer max) {
      statusMin = min;
      statusMax = max;
      return this;
    }

    public Builder tab(String value) {
      tab = value;
      return this;
    }

    public Builder time(Instant from, Instant to) {
      since = from;
      until = to;
      return this;
    }

    public Builder urlText(String value) {
      urlText = value;
      return this;
    }

    public Builder search(String value) {
      search = value;
      return this;
    }

    public EventFilter build() {
      return new EventFilter(types, urlContains, urlGlob, host, method, statusMin, statusMax, tab, since, until, urlText,
          search);
    }
  }
}
