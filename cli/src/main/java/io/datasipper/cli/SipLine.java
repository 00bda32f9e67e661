package io.datasipper.cli;

import io.datasipper.capture.BrowserFlags;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A plain {@code sip} command line, read without picocli. picocli makes its model of a command from
 * the command's annotations, and a cold JVM's first annotation alone costs about 0.1 s: for {@code
 * sip}, whose browser is starting meanwhile, that is start-up the user waits for. {@link #read}
 * takes only what it reads exactly as picocli would (sip's options, each at most once unless
 * repeatable, values that convert, http(s) URLs) and leaves anything else (help, a window, an
 * argument file, a value picocli or sip would refuse before starting a browser) to picocli, which
 * reports it. {@code SipLineTest} holds the two readings equal.
 */
record SipLine(List<String> urls, Duration duration, Path dataDir, Path config, boolean keepSecrets, String node,
    boolean noUi, Integer uiPort, Path uiTokenFile, List<String> browserArgs) {

  /** sip's options that take a value, and those that do not; any other option leaves the line to picocli. */
  static final Set<String> VALUE_OPTIONS =
      Set.of("--for", "--browser-arg", "--data-dir", "--config", "--node", "--ui-port", "--ui-token-file");
  static final Set<String> FLAGS = Set.of("--keep-secrets", "--no-ui");
  /** Options picocli reads however often they are given; it refuses a second of any other. */
  private static final Set<String> REPEATABLE = Set.of("--browser-arg");
  /** A port in plain decimal digits, which picocli's Integer converter reads alike (not so 010 or 0x10). */
  private static final Pattern PORT = Pattern.compile("0|[1-9][0-9]{0,4}");
  /** sip's other options and picocli's own: picocli reads them as options, never as an option's value. */
  private static final Set<String> OTHER_OPTIONS = Set.of("--", "--headed", "-h", "--help", "-V", "--version");

  /** The command line as sip's, if it is a plain one; empty for any other command or form. */
  static Optional<SipLine> read(String... args) {
    if (args.length < 2 || !args[0].equals("sip")) {
      return Optional.empty();
    }
    Builder line = new Builder();
    Set<String> given = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("@")) {
        return Optional.empty(); // picocli reads the arguments from that file
      }
      if (!arg.startsWith("-")) {
        if (!SipCommand.isPageUrl(arg)) {
          return Optional.empty(); // sip says what is wrong with it
        }
        line.urls.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals > 0 ? arg.substring(0, equals) : arg;
      if (!given.add(name) && !REPEATABLE.contains(name)) {
        return Optional.empty(); // picocli refuses an option given twice
      }
      if (FLAGS.contains(arg)) {
        line.flag(arg);
        continue;
      }
      if (!VALUE_OPTIONS.contains(name)) {
        return Optional.empty();
      }
      String value;
      if (equals > 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && !looksLikeSipsOption(args[i + 1]) && !args[i + 1].startsWith("@")) {
        value = args[++i];
      } else {
        return Optional.empty(); // picocli says the value is missing
      }
      if (!line.value(name, value)) {
        return Optional.empty(); // picocli says why it cannot use the value
      }
    }
    return line.urls.isEmpty() ? Optional.empty() : Optional.of(line.build());
  }

  /** Whether picocli would take the argument for one of sip's options rather than a value. */
  private static boolean looksLikeSipsOption(String arg) {
    int equals = arg.indexOf('=');
    String name = equals > 0 ? arg.substring(0, equals) : arg;
    return VALUE_OPTIONS.contains(name) || FLAGS.contains(name) || OTHER_OPTIONS.contains(name);
  }

  /** sip with these options, as picocli would have set them, taking over what the head start began. */
  SipCommand command(BrowserHeadStart headStart) {
    SipCommand sip = new SipCommand(headStart);
    sip.urls = urls;
    sip.duration = duration;
    sip.browser = new BrowserOptions();
    sip.browser.args = browserArgs;
    sip.dataDir = DataDirOption.of(dataDir);
    sip.capture = new CaptureOptions();
    sip.capture.config = config;
    sip.capture.keepSecrets = keepSecrets;
    sip.capture.node = node;
    sip.ui = new UiOptions();
    sip.ui.off = noUi;
    sip.ui.address.port = uiPort;
    sip.ui.address.tokenFile = uiTokenFile;
    return sip;
  }

  /** A line as it is read, option by option. */
  private static final class Builder {
    final List<String> urls = new ArrayList<>();
    final List<String> browserArgs = new ArrayList<>();
    Duration duration;
    Path dataDir = DataDirOption.defaultDir();
    Path config;
    boolean keepSecrets;
    String node;
    boolean noUi;
    Integer uiPort;
    Path uiTokenFile;
    boolean pathRefused;

    void flag(String name) {
      switch (name) {
        case "--keep-secrets" -> keepSecrets = true;
        case "--no-ui" -> noUi = true;
        default -> throw new IllegalArgumentException(name);
      }
    }

    /** Takes an option's value; false if picocli would refuse it. */
    boolean value(String name, String value) {
      switch (name) {
        case "--for" -> {
          try {
            duration = DurationText.parse(value);
          } catch (IllegalArgumentException e) {
            return false;
          }
        }
        case "--browser-arg" -> {
          if (!allowed(value)) {
            return false;
          }
          browserArgs.add(value);
        }
        case "--data-dir" -> dataDir = path(value);
        case "--config" -> config = path(value);
        case "--node" -> node = value;
        case "--ui-port" -> {
          if (!PORT.matcher(value).matches()) {
            return false;
          }
          uiPort = Integer.valueOf(value);
        }
        case "--ui-token-file" -> uiTokenFile = path(value);
        default -> throw new IllegalArgumentException(name);
      }
      return !pathRefused;
    }

    /** Whether sip starts a browser with this flag: it refuses any that would open the browser to other programs. */
    private static boolean allowed(String browserArg) {
      try {
        BrowserFlags.check(List.of(browserArg));
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    /** The path, as picocli converts it; null, and the line refused, if it is none. */
    private Path path(String value) {
      try {
        return Path.of(value);
      } catch (InvalidPathException e) {
        pathRefused = true;
        return null;
      }
    }

    SipLine build() {
      return new SipLine(List.copyOf(urls), duration, dataDir, config, keepSecrets, node, noUi, uiPort, uiTokenFile,
          List.copyOf(browserArgs));
    }
  }
}
