package io.datasipper.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** A few made-up instruments whose prices take a random walk, one step per tick. Thread-safe. */
final class Market {
  record Instrument(String symbol, String name, double open) {}

  record Quote(String symbol, String name, double price, double change) {}

  record Prices(String asOf, List<Quote> instruments) {}

  record Tick(String type, long seq, String symbol, double price, String time) {}

  private static final double CENT = 0.01;
  private static final List<Instrument> INSTRUMENTS = List.of(
      new Instrument("ACME", "Acme Corp", 123.45),
      new Instrument("GLOBX", "Globex", 87.10),
      new Instrument("INITECH", "Initech", 42.00),
      new Instrument("UMBRL", "Umbrella", 310.25));

  private final RandomGenerator random;
  private final double[] prices = INSTRUMENTS.stream().mapToDouble(Instrument::open).toArray();
  private long seq;

  Market(RandomGenerator random) {
    this.random = random;
  }

  static List<String> symbols() {
    return INSTRUMENTS.stream().map(Instrument::symbol).toList();
  }

  synchronized Prices prices() {
    List<Quote> quotes = new ArrayList<>();
    for (int i = 0; i < INSTRUMENTS.size(); i++) {
      Instrument instrument = INSTRUMENTS.get(i);
      quotes.add(new Quote(instrument.symbol(), instrument.name(), prices[i], cents(prices[i] - instrument.open())));
    }
    return new Prices(Instant.now().toString(), quotes);
  }

  /** The price of a symbol, or -1 if there is no such instrument. */
  synchronized double price(String symbol) {
    int i = symbols().indexOf(symbol);
    return i < 0 ? -1 : prices[i];
  }

  /** Moves one instrument by 1 to 25 cents, up or down, so that every tick changes a price. */
  synchronized Tick tick() {
    int i = random.nextInt(INSTRUMENTS.size());
    double step = CENT * (1 + random.nextInt(25)) * (random.nextBoolean() ? 1 : -1);
    prices[i] = cents(prices[i] + step < CENT ? prices[i] - step : prices[i] + step);
    return new Tick("tick", ++seq, INSTRUMENTS.get(i).symbol(), prices[i], Instant.now().toString());
  }

  private static double cents(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
