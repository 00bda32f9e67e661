package io.datasipper.cli;

import io.datasipper.capture.Chromium;
import io.datasipper.store.TestJvm;
import java.util.ArrayList;
import java.util.List;

/** The datasipper command as a user runs it: a JVM of its own, stopped with signals, with an exit code. */
public final class CliProcess {
  private CliProcess() {}

  /** {@code datasipper args...} on this test's class path. */
  public static ProcessBuilder of(List<String> args) {
    return of(List.of(), args);
  }

  /** {@code datasipper args...} on this test's class path, in a JVM started with these options. */
  static ProcessBuilder of(List<String> jvmOptions, List<String> args) {
    return TestJvm.of(jvmOptions, Main.class, args);
  }

  /** {@code datasipper sip url...} with a browser that reaches no host but this machine. */
  static ProcessBuilder sip(List<String> args) {
    List<String> sip = new ArrayList<>(List.of("sip"));
    sip.addAll(args);
    Chromium.HERMETIC_FLAGS.forEach(f -> sip.add("--browser-arg=" + f));
    return of(sip);
  }
}
