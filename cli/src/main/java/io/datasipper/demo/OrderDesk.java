package io.datasipper.demo;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Checks the page's orders and fills them at once at the market price. */
final class OrderDesk {
  record OrderRequest(String symbol, String side, Integer quantity) {}

  record Fill(String id, String status, String symbol, String side, int quantity, double price, String time) {}

  private static final List<String> SIDES = List.of("buy", "sell");
  private static final int MAX_QUANTITY = 10_000;

  private final Market market;
  private final AtomicLong ids = new AtomicLong();

  OrderDesk(Market market) {
    this.market = market;
  }

  /** @throws IllegalArgumentException saying what is wrong with the order, for a 400 answer */
  Fill place(OrderRequest order) {
    double price = market.price(order.symbol());
    if (price < 0) {
      throw new IllegalArgumentException("unknown symbol " + order.symbol() + "; expected one of " + Market.symbols());
    }
    if (!SIDES.contains(order.side())) {
      throw new IllegalArgumentException("side must be buy or sell, was " + order.side());
    }
    if (order.quantity() == null || order.quantity() < 1 || order.quantity() > MAX_QUANTITY) {
      throw new IllegalArgumentException("quantity must be 1 to " + MAX_QUANTITY + ", was " + order.quantity());
    }
    return new Fill("ord-" + ids.incrementAndGet(), "filled", order.symbol(), order.side(), order.quantity(), price,
        Instant.now().toString());
  }
}
