package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --help} of every command. Each description is written as whole paragraphs and picocli
 * wraps them to the terminal: printed wide enough that picocli wraps nothing, every line of
 * text is then one whole paragraph, so it ends a sentence. A description cut by hand mid-sentence
 * shows up as a line ending in a word or a comma.
 */
class HelpTextTest {
  private static final String WIDTH = "picocli.usage.width";
  private static final Pattern SECTION_HEADING = Pattern.compile("[A-Z][A-Za-z ]*:");
  /** An option too long for its column: picocli prints its description on the next line. */
  private static final Pattern OPTION_NAMES_ONLY = Pattern.compile("(-[^ ,]+,? ?)+");

  @Test
  void everyDescriptionIsWholeParagraphs() {
    List<List<String>> commands = new ArrayList<>();
    collect(Main.commandLine(), new ArrayList<>(), commands);
    assertThat(commands).hasSizeGreaterThan(10);

    List<String> broken = new ArrayList<>();
    for (List<String> command : commands) {
      for (String line : help(command, "1000").split("\n")) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("Usage: ") || SECTION_HEADING.matcher(text).matches()
            || OPTION_NAMES_ONLY.matcher(text).matches()) {
          continue;
        }
        if (!text.matches(".*[.!?]$")) {
          broken.add(String.join(" ", command) + " --help: " + text);
        }
      }
    }
    assertThat(broken).as("lines that stop mid-sentence").isEmpty();
  }

  @Test
  void helpWrapsToTheTerminalWidth() {
    for (String line : help(List.of("datasipper", "demo"), "80").split("\n")) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    }
  }

  private static void collect(CommandLine cli, List<String> parent, List<List<String>> into) {
    List<String> path = new ArrayList<>(parent);
    path.add(cli.getCommandName());
    into.add(path);
    cli.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, path, into));
  }

  /** {@code datasipper ... --help} through {@link Main}, printed at the given width. */
  private static String help(List<String> command, String width) {
    List<String> args = new ArrayList<>(command.subList(1, command.size()));
    args.add("--help");
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String widthBefore = System.getProperty(WIDTH);
    try {
      System.setProperty(WIDTH, width);
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(Main.run(args.toArray(String[]::new))).as(String.join(" ", command)).isZero();
    } finally {
      System.setOut(stdout);
      if (widthBefore == null) {
        System.clearProperty(WIDTH);
      } else {
        System.setProperty(WIDTH, widthBefore);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
