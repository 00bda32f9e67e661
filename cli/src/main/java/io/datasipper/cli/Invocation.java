package io.datasipper.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** The command that runs, named in what it locks and prints, and where it prints. */
record Invocation(String command, PrintWriter out, PrintWriter err) {
  /** The command picocli runs, printing where picocli was told to. */
  static Invocation of(CommandSpec spec) {
    return new Invocation(spec.name(), spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** A command run without picocli, printing to standard output and error as picocli does by default. */
  static Invocation standard(String command) {
    return new Invocation(command, new PrintWriter(System.out, true, System.out.charset()),
        new PrintWriter(System.err, true, System.err.charset()));
  }
}
