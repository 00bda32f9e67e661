package io.datasipper.bench;

import java.util.ArrayList;
import java.util.List;

/** DataSipper's flags with one change: one of them left out, or one of Playwright's added. */
record FlagVariant(String change, List<String> flags) {
  /** Flags that cannot be left out: without them the browser would not run headless here. */
  private static final List<String> KEPT = List.of("--headless=new", "--no-sandbox");

  /**
   * Those of Playwright's flags that change how Chromium schedules, throttles or sets up a page; the
   * others (crash reports, key chains, dialogs, PDF tagging, ...) do nothing a page load could feel,
   * and are measured only on request.
   */
  static final List<String> SCHEDULING = List.of(
      "--disable-background-timer-throttling",
      "--disable-backgrounding-occluded-windows",
      "--disable-renderer-backgrounding",
      "--disable-ipc-flooding-protection",
      "--disable-field-trial-config",
      PlaywrightFlags.DISABLED_FEATURES,
      "--disable-extensions",
      "--disable-component-extensions-with-background-pages",
      "--disable-back-forward-cache",
      "--disable-dev-shm-usage",
      "--enable-automation");

  /**
   * Each of {@code ours} left out; each of {@code playwright} that ours lack added (only those in
   * {@link #SCHEDULING} unless {@code every}); and all of Playwright's added.
   */
  static List<FlagVariant> all(List<String> ours, List<String> playwright, boolean every) {
    List<FlagVariant> variants = new ArrayList<>();
    for (String flag : ours) {
      if (!KEPT.contains(flag)) {
        List<String> without = new ArrayList<>(ours);
        without.remove(flag);
        variants.add(new FlagVariant("without " + flag, without));
      }
    }
    List<String> union = new ArrayList<>(ours);
    for (String flag : playwright) {
      if (!hasSwitch(ours, flag) || flag.startsWith("--disable-features=")) {
        if (every || SCHEDULING.contains(flag)) {
          variants.add(new FlagVariant("with " + shortName(flag), with(ours, flag)));
        }
        union = with(union, flag);
      }
    }
    variants.add(new FlagVariant("with all of Playwright's", union));
    return variants;
  }

  /** {@code flags} plus {@code flag}; a second --disable-features is merged into the first, as Chromium reads only one. */
  private static List<String> with(List<String> flags, String flag) {
    List<String> result = new ArrayList<>(flags);
    String features = "--disable-features=";
    if (flag.startsWith(features)) {
      for (int i = 0; i < result.size(); i++) {
        if (result.get(i).startsWith(features)) {
          result.set(i, result.get(i) + "," + flag.substring(features.length()));
          return result;
        }
      }
    }
    if (flag.equals("--headless")) {
      result.remove("--headless=new");
    }
    result.add(flag);
    return result;
  }

  private static boolean hasSwitch(List<String> flags, String flag) {
    String name = flag.split("=", 2)[0];
    return flags.stream().anyMatch(f -> f.split("=", 2)[0].equals(name));
  }

  private static String shortName(String flag) {
    return flag.startsWith("--disable-features=") ? "Playwright's --disable-features" : flag;
  }
}
