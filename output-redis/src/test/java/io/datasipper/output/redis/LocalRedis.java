package io.datasipper.output.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server (Debian's binary) that a test starts on a free port in its own directory, and
 * may crash ({@link #kill}) and start again on the same port ({@link #restart}).
 */
final class LocalRedis implements AutoCloseable {
  final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private Process process;
  private int starts;

  private LocalRedis(int port, Path dir, List<String> extraArgs) {
    this.port = port;
    this.dir = dir;
    this.extraArgs = extraArgs;
  }

  /** Starts a server without persistence unless {@code extraArgs} ask for it; {@code {port}} in them is its port. */
  static LocalRedis start(Path dir, String... extraArgs) throws IOException, InterruptedException {
    LocalRedis redis = new LocalRedis(freePort(), dir, List.of(extraArgs));
    redis.restart();
    return redis;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server (again), and waits until it accepts connections. */
  void restart() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = dir.resolve("redis-" + (++starts) + ".log");
    List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--port",
        Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--logfile", log.toString()));
    extraArgs.forEach(a -> command.add(a.replace("{port}", Integer.toString(port))));
    if (extraArgs.contains("--tls-port")) {
      command.set(command.indexOf("--port") + 1, "0"); // TLS only: the plain port is closed
    }
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start redis-server (Debian: apt-get install redis-server): " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains("Ready to accept connections")) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    String output = Files.exists(log) ? Files.readString(log) : Files.readString(dir.resolve("stdout.log"));
    process.destroyForcibly();
    throw new IllegalStateException("redis-server on port " + port + " did not start: " + command + "\n" + output);
  }

  /** Crashes the server (SIGKILL): only what it had written to its files survives. */
  void kill() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
