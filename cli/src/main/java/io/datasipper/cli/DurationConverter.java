package io.datasipper.cli;

import java.time.Duration;
import picocli.CommandLine;

/** Reads the duration options of the commands, as {@link DurationText} reads durations. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
