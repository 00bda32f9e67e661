package io.datasipper.store;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of a {@link PageQuery}.
 *
 * @param events the matching events, in the query's order
 * @param next where the following page starts ({@link PageQuery#continueFrom}); empty when every
 *     event in the query's range was examined. A page may hold fewer than {@code limit} events and
 *     still have a next cursor: a page examines windows of a bounded number of candidate rows and
 *     stops after the first window that holds a match, so that a filter that matches rarely
 *     answers quickly and lets the caller go on. It is empty with a next cursor only when a
 *     predicate in Java ran out of its time.
 * @param examined how many candidates the page's window held (by seq, it counts the seqs in the
 *     window, a few of which may be missing where a gap lost events): what the page cost
 */
public record EventPage(List<StoredEvent> events, OptionalLong next, int examined) {
  public EventPage {
    events = List.copyOf(events);
  }
}
