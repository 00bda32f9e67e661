package io.datasipper.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} options of a small benchmark, each a whole number within bounds, so a
 * typo cannot start an endless run. {@code --help} or a bad option throws with the usage text.
 */
final class BenchArgs {
  /** One option: its name without dashes, default and allowed range. */
  record Option(String name, long defaultValue, long min, long max) {}

  private final Map<String, Long> values = new HashMap<>();

  private BenchArgs() {}

  static BenchArgs parse(String[] args, String usage, List<Option> options) {
    BenchArgs parsed = new BenchArgs();
    Map<String, Option> byName = new HashMap<>();
    for (Option o : options) {
      byName.put("--" + o.name(), o);
      parsed.values.put(o.name(), o.defaultValue());
    }
    for (int i = 0; i < args.length; i += 2) {
      Option o = byName.get(args[i]);
      if (o == null || i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i].equals("--help") ? usage : "unknown or incomplete option " + args[i]
            + "\n" + usage);
      }
      long value;
      try {
        value = Long.parseLong(args[i + 1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(args[i] + " " + args[i + 1] + " is not a whole number\n" + usage);
      }
      if (value < o.min() || value > o.max()) {
        throw new IllegalArgumentException(args[i] + " " + value + " is outside " + o.min() + ".." + o.max() + "\n" + usage);
      }
      parsed.values.put(o.name(), value);
    }
    return parsed;
  }

  long get(String name) {
    return values.get(name);
  }

  int getInt(String name) {
    return Math.toIntExact(values.get(name));
  }
}
