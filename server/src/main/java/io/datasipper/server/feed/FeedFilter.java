package io.datasipper.server.feed;

import io.datasipper.route.Router;
import io.datasipper.route.RuleException;
import io.datasipper.route.RuleParser;
import java.util.List;
import java.util.Map;

/**
 * Which events a client wants, written in the stream-rule language of the {@code route} module (see
 * route/README.md): one condition ({@code {"field": "host", "operator": "equals", "value":
 * "api.example.com"}}, a {@code {"logic", "conditions"}} group or a {@code {"not": ...}}), or a list
 * of conditions that must all hold. It is parsed and matched by the same code as a stream's rule.
 */
final class FeedFilter {
  static final FeedFilter ALL = new FeedFilter(null);
  /** The name of the one stream the filter routes to: any valid name does. */
  private static final String NAME = "feed";

  private final Router router;

  private FeedFilter(Router router) {
    this.router = router;
  }

  /**
   * @param filter the {@code filter} of a subscribe message, as a JSON parser gives it; null for all
   * @throws RuleException naming the bad key under {@code filter} (e.g. {@code filter.operator} or
   *     {@code filter[1].field}), the bad value and what is allowed
   */
  static FeedFilter parse(Object filter) {
    if (filter == null) {
      return ALL;
    }
    boolean list = filter instanceof List<?>;
    // A stream rule with the filter as its conditions: its error paths are rewritten below to
    // name the keys as the client wrote them.
    Map<String, Object> rule = Map.of("name", NAME, "conditions", list ? filter : List.of(filter));
    try {
      return new FeedFilter(new Router(List.of(RuleParser.parse(rule, "filter"))));
    } catch (RuleException e) {
      String prefix = list ? "filter.conditions" : "filter.conditions[0]";
      String path = e.path().startsWith(prefix) ? "filter" + e.path().substring(prefix.length()) : e.path();
      throw new RuleException(path, e.problem());
    }
  }

  /**
   * @throws IllegalArgumentException if the event is one read back from the store that this
   *     version cannot read
   */
  boolean matches(FeedEvent e) {
    if (router == null) {
      return true;
    }
    // A filter that decides by the type alone (type: ws_frame, say) reads nothing else of the
    // event: a stored one is then never parsed.
    return !router.route(e.type(), e::event).contains(Router.UNMATCHED);
  }
}
