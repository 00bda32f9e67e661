package io.datasipper.server.health;

import java.util.function.BooleanSupplier;

/** The {@code capture} component: whether the command that runs the server is attached to its browser. */
public final class CaptureHealth {
  static final String NAME = "capture";

  private CaptureHealth() {}

  /** For {@code sip}, {@code attach} and {@code demo}: up while {@code attached} says so. */
  public static HealthCheck of(BooleanSupplier attached) {
    return HealthCheck.of(NAME, () -> attached.getAsBoolean()
        ? ComponentHealth.up("attached to the browser")
        : ComponentHealth.down("not attached to the browser: it exited or its DevTools connection closed"));
  }

  /** For {@code serve}: this process captures nothing, which does not make it unready. */
  public static HealthCheck absent() {
    return HealthCheck.of(NAME, () -> ComponentHealth.absent("this process does not capture (serve)"));
  }
}
