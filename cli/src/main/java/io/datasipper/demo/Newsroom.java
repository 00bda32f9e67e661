package io.datasipper.demo;

import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Stories for the SSE stream. Most are {@code headline} events; every fifth is a {@code status}
 * event, so that the stream carries more than one event name. Ids count up from 1.
 */
final class Newsroom {
  record Story(long id, String event, Object data) {}

  record Headline(String symbol, String text, String time) {}

  record Status(String market, String time) {}

  private static final List<String> HEADLINES = List.of(
      "%s beats estimates", "%s announces a new product line", "Analysts upgrade %s", "%s shares in focus",
      "%s opens a new office", "Rumours of a merger lift %s");

  private final RandomGenerator random;
  private long id;

  Newsroom(RandomGenerator random) {
    this.random = random;
  }

  synchronized Story next() {
    id++;
    String time = Instant.now().toString();
    if (id % 5 == 0) {
      return new Story(id, "status", new Status("open", time));
    }
    List<String> symbols = Market.symbols();
    String symbol = symbols.get(random.nextInt(symbols.size()));
    String text = HEADLINES.get(random.nextInt(HEADLINES.size())).formatted(symbol);
    return new Story(id, "headline", new Headline(symbol, text, time));
  }
}
