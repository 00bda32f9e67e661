package io.datasipper.cli;

import io.datasipper.config.ConfigException;
import io.datasipper.store.UncheckedStoreException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code datasipper} command. Exit codes: 0 ok, 1 failure, 2 usage or configuration error. */
@Command(
    name = "datasipper",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Capture a browser's HTTP, WebSocket and SSE traffic as a live data stream.")
public final class Main {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  /** The commands, in the order {@code --help} lists them. */
  private static final List<Class<?>> COMMANDS = List.of(
      DemoCommand.class,
      SipCommand.class,
      AttachCommand.class,
      EventsCommand.class,
      QueryCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      StreamsCommand.class,
      ReplayCommand.class,
      DeliverCommand.class,
      DeadLettersCommand.class,
      ServeCommand.class,
      KafkaCommand.class,
      ExtensionCommand.class,
      StoreCommand.class);

  /**
   * The logging binding on DataSipper's class path, named so that slf4j need not search every jar
   * for one (50-80 ms of a cold start); slf4j then says which it took unless told to speak of
   * problems only.
   */
  static final String LOGGING = "org.slf4j.simple.SimpleServiceProvider";

  public static void main(String[] args) {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", LOGGING);
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
    System.exit(run(args));
  }

  /** Runs the command the arguments name: a plain sip without picocli (see {@link SipLine}). */
  public static int run(String... args) {
    Optional<SipLine> sip = SipLine.read(args);
    return sip.isPresent() ? runSip(sip.get()) : commandLine(args).execute(args);
  }

  /** A plain sip, its browser started first thing, ending as picocli ends a command. */
  private static int runSip(SipLine line) {
    Invocation invocation = Invocation.standard("sip");
    try (BrowserHeadStart headStart = BrowserHeadStart.begin(line)) {
      return line.command(headStart).run(invocation);
    } catch (Exception e) {
      return exitCode(e, invocation.err());
    } finally {
      invocation.out().flush();
      invocation.err().flush();
    }
  }

  /** The command line with every command and DataSipper's error handling, ready to execute. */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for these arguments. picocli reads a command's options by reflection when the
   * command is added, which for all of them took most of a second of {@code sip}'s start-up on a
   * busy machine: when the arguments start with a command's name, only that command is added.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new Main());
    List<Class<?>> named = args.length == 0 ? List.of()
        : COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).toList();
    for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
      cli.addSubcommand(command);
    }
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> exitCode(ex, cmd.getErr()));
    return cli;
  }

  /** What a command that threw says, and the exit code it ends with. */
  static int exitCode(Exception ex, PrintWriter err) {
    if (ex instanceof UserError ue) {
      err.println("datasipper: " + ue.getMessage());
      return ue.exitCode();
    }
    if (ex instanceof ConfigException ce) {
      err.println("datasipper: " + ce.getMessage());
      return USAGE;
    }
    if (ex instanceof UncheckedStoreException se) {
      // Names the store and what went wrong (a full disk, say): no stack trace to add.
      err.println("datasipper: " + se.getMessage());
      return FAILURE;
    }
    err.println("datasipper: " + ex);
    ex.printStackTrace(err);
    return FAILURE;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"datasipper " + (v == null ? "dev" : v)};
    }
  }
}
