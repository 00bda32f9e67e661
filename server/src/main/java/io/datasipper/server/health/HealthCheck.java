package io.datasipper.server.health;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Tells how some components of a running DataSipper are: a command gives {@code /readyz} one for
 * each thing it runs (the capture, the store, the pipeline's outputs).
 *
 * <p>Called on every {@code /readyz}, on a server thread: it must answer at once (read counters, no
 * network) and should not throw; a check that throws is reported as a component that is down.
 */
@FunctionalInterface
public interface HealthCheck {
  /** Each component's state by name ({@code capture}, {@code store}, {@code output:<name>}), in a stable order. */
  Map<String, ComponentHealth> check();

  /** A check of one component. */
  static HealthCheck of(String component, Supplier<ComponentHealth> state) {
    return () -> Map.of(component, state.get());
  }
}
