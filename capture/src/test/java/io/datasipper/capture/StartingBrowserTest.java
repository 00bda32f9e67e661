package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser started ahead of the capture, in a session of its own: when DataSipper is stopped
 * (Ctrl-C, SIGTERM) before a capture took it, it must not outlive the JVM.
 */
class StartingBrowserTest {
  @TempDir Path dir;

  @Test
  void aBrowserNoCaptureTookIsStoppedWhenTheJvmExits() throws Exception {
    Path profile = dir.resolve("profile");
    Path log = dir.resolve("exit.log");
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ExitWhileStarting.class.getName(), profile.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits; it printed: %s", log).isTrue();
    assertThat(jvm.exitValue()).as(Files.readString(log)).isZero();

    String profileFlag = "--user-data-dir=" + profile;
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(profileFlag)))
        .as("browser processes left behind by the JVM that started them").isEmpty();
  }

  /** Starts a browser, waits until it runs, then exits without capturing from it. */
  static final class ExitWhileStarting {
    public static void main(String[] args) throws Exception {
      Capture.startBrowser(Chromium.headless(Path.of(args[0]))); // never taken by a capture
      String profileFlag = "--user-data-dir=" + args[0];
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(profileFlag))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      System.exit(0); // as SIGTERM does: the shutdown hooks run, no finally block does
    }
  }
}
