package io.datasipper.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM a test starts, on the test's class path and with the flags the build gives the tests' own
 * JVMs ({@code test.jvm.flags} in the root pom): without them every JVM that loads SQLite's native
 * library prints the JDK's warning about it.
 */
public final class TestJvm {
  private TestJvm() {}

  /** {@code java [flags] [jvmOptions] -cp <class path> main args...}. */
  public static ProcessBuilder of(List<String> jvmOptions, Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    String flags = System.getProperty("datasipper.test.jvm.flags", "").strip();
    if (!flags.isEmpty()) {
      command.addAll(List.of(flags.split("\\s+")));
    }
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  /** {@code java [flags] -cp <class path> main args...}. */
  public static ProcessBuilder of(Class<?> main, String... args) {
    return of(List.of(), main, List.of(args));
  }
}
