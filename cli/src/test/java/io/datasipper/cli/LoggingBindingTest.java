package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.EventStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command names its logging binding to slf4j rather than have it search the class path: the
 * binding it names must be the one there, or slf4j would print its complaint on every command.
 */
class LoggingBindingTest {
  @TempDir Path dir;

  @Test
  void aCommandThatLogsSaysNothingOfItsLogging() throws Exception {
    EventStore.open(dir).close();
    // As bin/datasipper runs it: SQLite's native library may be loaded without a warning of its own.
    Process events = CliProcess.of(List.of("events", "--data-dir", dir.toString()))
        .start();
    String err = new String(events.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(events.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(events.exitValue()).as(err).isZero();
    assertThat(err).isEmpty();
    assertThat(Class.forName(Main.LOGGING)).isAssignableTo(org.slf4j.spi.SLF4JServiceProvider.class);
  }
}
