package io.datasipper.bench;

import java.util.Locale;

/** How the report writes sizes and shares. */
final class Units {
  private Units() {}

  static String bytes(long n) {
    if (n < 0) {
      return "n/a";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }

  static String percent(long part, long whole) {
    return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
  }

  static String ms(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
