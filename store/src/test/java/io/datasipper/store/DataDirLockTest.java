package io.datasipper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
  @TempDir Path dir;

  @Test
  void aSecondWriterInAnotherProcessIsToldWhichProcessHoldsTheDataDirectory() throws Exception {
    Process holder = hold(DataDirLock.Kind.CAPTURE, "sip");
    try {
      assertThatThrownBy(() -> DataDirLock.acquire(dir, DataDirLock.Kind.CAPTURE, "attach"))
          .isInstanceOf(StoreException.class)
          .hasMessage("data directory " + dir + " is in use by pid " + holder.pid() + " (sip)");
      // The other part of the directory is free: a pipeline may run beside a capture.
      try (DataDirLock pipeline = DataDirLock.acquire(dir, DataDirLock.Kind.PIPELINE, "deliver")) {
        assertThat(pipeline).isNotNull();
      }
    } finally {
      holder.destroyForcibly();
    }
    assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
    // SIGKILL left no stale lock: the OS released it with the process.
    try (DataDirLock lock = DataDirLock.acquire(dir, DataDirLock.Kind.CAPTURE, "attach")) {
      assertThat(lock).isNotNull();
    }
  }

  @Test
  void aSecondWriterInThisProcessIsRefusedUntilTheFirstReleases() throws Exception {
    DataDirLock first = DataDirLock.acquire(dir, DataDirLock.Kind.PIPELINE, "deliver");
    try {
      assertThatThrownBy(() -> DataDirLock.acquire(dir, DataDirLock.Kind.PIPELINE, "replay"))
          .hasMessage("data directory " + dir + " is in use by pid " + ProcessHandle.current().pid() + " (deliver)");
    } finally {
      first.close();
    }
    try (DataDirLock again = DataDirLock.acquire(dir, DataDirLock.Kind.PIPELINE, "replay")) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void theProcessHoldingALockIsNamedWhileItLivesAndNoLongerOnceKilledOrEnded() throws Exception {
    assertThat(DataDirLock.holder(dir, DataDirLock.Kind.PIPELINE)).as("no lock file yet").isEmpty();
    Process killed = hold(DataDirLock.Kind.PIPELINE, "deliver");
    assertThat(DataDirLock.holder(dir, DataDirLock.Kind.PIPELINE)).hasValue("pid " + killed.pid() + " (deliver)");
    assertThat(DataDirLock.holder(dir, DataDirLock.Kind.CAPTURE)).as("the other part's lock").isEmpty();
    killed.destroyForcibly();
    assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(dir.resolve("pipeline.lock")).as("killed, it left its pid in the file").content().isNotEmpty();
    assertThat(DataDirLock.holder(dir, DataDirLock.Kind.PIPELINE)).isEmpty();

    Process ended = hold(DataDirLock.Kind.PIPELINE, "deliver --follow");
    assertThat(DataDirLock.holder(dir, DataDirLock.Kind.PIPELINE))
        .hasValue("pid " + ended.pid() + " (deliver --follow)");
    ended.getOutputStream().close(); // it releases the lock and ends
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(DataDirLock.holder(dir, DataDirLock.Kind.PIPELINE)).isEmpty();
  }

  @Test
  void aProcessGivenAKilledHoldersPidLaterIsNotTakenForTheHolder() throws Exception {
    Process later = new ProcessBuilder("sleep", "60").start();
    try {
      Instant started = later.info().startInstant().orElseThrow();
      Path file = dir.resolve("pipeline.lock");
      // What a holder killed long before this process started left, the pid given anew since.
      Files.writeString(file, later.pid() + " deliver --follow\nstarted " + started.minusSeconds(3600).toEpochMilli() + "\n");
      assertThat(DataDirLock.holder(dir, DataDirLock.Kind.PIPELINE)).isEmpty();
      // Had that process written the file, it would be the holder.
      Files.writeString(file, later.pid() + " deliver --follow\nstarted " + started.toEpochMilli() + "\n");
      assertThat(DataDirLock.holder(dir, DataDirLock.Kind.PIPELINE)).hasValue("pid " + later.pid() + " (deliver --follow)");
    } finally {
      later.destroyForcibly();
    }
  }

  private Process hold(DataDirLock.Kind kind, String command) throws Exception {
    Process p = TestJvm.of(HoldLock.class, dir.toString(), kind.name(), command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("the holder took the lock").isEqualTo("locked");
    return p;
  }
}
