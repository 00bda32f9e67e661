package io.datasipper.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A small tmpfs mounted for a test, to fill up for real. Needs root. */
public final class TmpfsMount {
  private final Path dir;

  private TmpfsMount(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code size} (as mount's {@code size=} takes it) on the existing directory. */
  public static TmpfsMount mount(Path dir, String size) throws IOException, InterruptedException {
    if (!"0".equals(run(List.of("id", "-u")).trim())) {
      throw new IllegalStateException("this test mounts a tmpfs to fill it up, which needs root; run it as root");
    }
    run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString()));
    return new TmpfsMount(dir);
  }

  /** Writes the file until the disk it is on has no room left (at most 64 MB). */
  public static void fill(Path file) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream os = Files.newOutputStream(file)) {
      for (int i = 0; i < 1024; i++) {
        os.write(block);
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw full;
      }
      return;
    }
    throw new IllegalStateException("64 MB written to " + file + " and its disk is still not full");
  }

  /** Gives the mounted disk a new size, keeping what is on it: frees room without deleting anything. */
  public void resize(String size) throws IOException, InterruptedException {
    run(List.of("mount", "-o", "remount,size=" + size, dir.toString()));
  }

  public void unmount() throws IOException, InterruptedException {
    run(List.of("umount", dir.toString()));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
