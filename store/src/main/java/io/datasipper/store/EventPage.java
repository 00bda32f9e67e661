package io.datasipper.store;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of a {@link PageQuery}.
 *
 * @param events the matching events, in the query's order
 * @param next where the following page starts ({@link PageQuery#continueFrom}); empty when every
 *     event in the query's range was examined. A page may hold fewer than {@code limit} events
 *     (even none) and still have a next cursor: a page examines a bounded number of candidate
 *     rows, so that a filter that matches rarely answers quickly and lets the caller go on.
 * @param examined how many candidates the page's window held (by seq, it counts the seqs in the
 *     window, a few of which may be missing where a gap lost events): what the page cost
 */
public record EventPage(List<StoredEvent> events, OptionalLong next, int examined) {
  public EventPage {
    events = List.copyOf(events);
  }
}
