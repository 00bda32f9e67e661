package io.datasipper.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of one process group, read from Linux's {@code /proc}. Chromium's renderers, zygote
 * and helpers are not children of the JVM, and once the browser process is gone they are nobody's
 * descendants; what still ties them to the browser DataSipper started is the process group that
 * {@code setsid} gave it. Without {@code /proc} (not Linux) the group looks empty.
 */
final class ProcessGroup {
  private static final Path PROC = Path.of("/proc");

  private final long id;

  ProcessGroup(long id) {
    this.id = id;
  }

  /** The processes of the group that have not ended (zombies waiting to be reaped do not count). */
  List<ProcessHandle> members() {
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> isLiveMember(p.resolve("stat")))
          .map(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())))
          .flatMap(h -> h.stream())
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Asks every member to end, waits up to {@code millis}, then kills what is left. */
  void end(long millis) throws InterruptedException {
    members().forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (!members().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    members().forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Reads a {@code /proc/<pid>/stat} line: {@code pid (comm) state ppid pgrp ...}. The command
   * name may hold spaces and parentheses, so fields are counted after its last ')'.
   */
  private boolean isLiveMember(Path stat) {
    try {
      String line = Files.readString(stat);
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[2]) == id && !fields[0].equals("Z") && !fields[0].equals("X");
    } catch (IOException | RuntimeException e) {
      return false; // ended while we looked
    }
  }
}
