package io.datasipper.capture.cdp;

import java.util.function.Consumer;

/** Carries DevTools protocol messages (one JSON text each) to and from the browser. */
public interface CdpTransport extends AutoCloseable {

  /**
   * Starts delivering messages. {@code onMessage} and {@code onDropped} are called from a single
   * thread, in order: {@code onDropped} for a message over the transport's size limit, which is
   * skipped without being held whole. {@code onClosed} is called once, with the reason, when the
   * browser side goes away.
   */
  void start(Consumer<String> onMessage, Consumer<DroppedMessage> onDropped, Consumer<String> onClosed);

  /** Sends one message; safe to call from any thread. */
  void send(String json);

  @Override
  void close();
}
