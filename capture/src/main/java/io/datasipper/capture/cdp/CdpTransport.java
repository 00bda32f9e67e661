package io.datasipper.capture.cdp;

import java.util.function.Consumer;

/** Carries DevTools protocol messages (one JSON text each) to and from the browser. */
public interface CdpTransport extends AutoCloseable {

  /**
   * Starts delivering messages. {@code onMessage} is called from a single thread, in order;
   * {@code onClosed} once, with the reason, when the browser side goes away.
   */
  void start(Consumer<String> onMessage, Consumer<String> onClosed);

  /** Sends one message; safe to call from any thread. */
  void send(String json);

  @Override
  void close();
}
