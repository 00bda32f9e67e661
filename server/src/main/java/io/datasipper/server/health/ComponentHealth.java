package io.datasipper.server.health;

import java.util.Locale;
import java.util.Objects;

/**
 * The state of one part of a running DataSipper, as {@code /readyz} reports it.
 *
 * @param status up, down, or absent (this process does not run it: {@code serve} has no capture)
 * @param detail one line a person can act on: what works, or what is wrong
 */
public record ComponentHealth(Status status, String detail) {
  /** Whether a component works; only {@link #DOWN} makes the server unready. */
  public enum Status {
    UP,
    DOWN,
    ABSENT;

    /** As the API writes it: {@code up}, {@code down}, {@code absent}. */
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ComponentHealth {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  public static ComponentHealth up(String detail) {
    return new ComponentHealth(Status.UP, detail);
  }

  public static ComponentHealth down(String detail) {
    return new ComponentHealth(Status.DOWN, detail);
  }

  public static ComponentHealth absent(String detail) {
    return new ComponentHealth(Status.ABSENT, detail);
  }
}
