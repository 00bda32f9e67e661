package io.datasipper.store;

/**
 * One page of stored events: those matching {@code filter} with a seq strictly between
 * {@code after} and {@code before}, newest or oldest first, at most {@code limit} of them.
 * Paging is by seq (keyset), never by position, so a page costs the same at any depth and events
 * stored meanwhile shift nothing.
 *
 * @param after only events with a greater seq; 0 for no lower bound
 * @param before only events with a smaller seq; {@link Long#MAX_VALUE} for no upper bound
 * @param limit 1 to {@link #MAX_LIMIT}
 */
public record PageQuery(EventFilter filter, long after, long before, Order order, int limit) {
  public static final int MAX_LIMIT = 1000;

  /** Which end of the seq range a page starts from. */
  public enum Order {
    /** Highest seq first; the next page is {@code before} the page's cursor. */
    NEWEST,
    /** Lowest seq first; the next page is {@code after} the page's cursor. */
    OLDEST
  }

  /** @throws IllegalArgumentException naming the bad bound or limit */
  public PageQuery {
    if (filter == null || order == null) {
      throw new IllegalArgumentException("filter and order are required");
    }
    if (after < 0) {
      throw new IllegalArgumentException("after must not be negative: " + after);
    }
    if (before <= after) {
      throw new IllegalArgumentException("before (" + before + ") must be above after (" + after + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
    }
  }

  /** The first page of {@code filter}'s events in {@code order}. */
  public static PageQuery first(EventFilter filter, Order order, int limit) {
    return new PageQuery(filter, 0, Long.MAX_VALUE, order, limit);
  }

  /** The page that follows one whose {@link EventPage#next()} was {@code cursor}. */
  public PageQuery continueFrom(long cursor) {
    return order == Order.NEWEST
        ? new PageQuery(filter, after, cursor, order, limit)
        : new PageQuery(filter, cursor, before, order, limit);
  }

  public PageQuery withAfter(long seq) {
    return new PageQuery(filter, seq, before, order, limit);
  }

  public PageQuery withBefore(long seq) {
    return new PageQuery(filter, after, seq, order, limit);
  }
}
