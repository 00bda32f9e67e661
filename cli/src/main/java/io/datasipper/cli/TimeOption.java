package io.datasipper.cli;

import io.datasipper.api.json.IsoInstants;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The {@code --since} and {@code --until} of the commands that read stored events: a UTC time, or a duration ago. */
final class TimeOption {
  private TimeOption() {}

  /**
   * {@code value} as a time, a duration counting back from {@code now}; null when it is not given.
   *
   * @throws UserError naming {@code option} when the value is neither
   */
  static Instant parse(String option, String value, Instant now) {
    if (value == null) {
      return null;
    }
    try {
      return IsoInstants.parse(value);
    } catch (DateTimeParseException notATime) {
      try {
        return now.minus(DurationText.parse(value));
      } catch (IllegalArgumentException notADuration) {
        throw UserError.usage(option + ": '" + value + "' is neither a UTC time such as 2026-12-01T10:15:00Z"
            + " nor a duration ago such as 10m");
      }
    }
  }
}
