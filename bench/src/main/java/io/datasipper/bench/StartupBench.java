package io.datasipper.bench;

import com.sun.net.httpserver.HttpServer;
import io.datasipper.capture.ChromiumLocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * From a command to its first request for a local page, side by side: a bare headless Chromium
 * given the page's URL, and {@code datasipper sip} run as {@code bin/datasipper} runs it, for which
 * the first captured event in its store is timed too. The two alternate, so both see the same
 * load. Each keeps its profile across runs, as a user's does; one run of each is a warm-up (the
 * first {@code sip} also writes the JVM's class-data archive). Writes {@code
 * bench/results/startup-<date>.md}. Run it with {@code bench/startup}.
 */
public final class StartupBench {
  static final String USAGE = """
      Usage: bench/startup [options]
        --runs N   timed runs of each (default 10)
      Environment: DS_JAVA (the java binary), DS_JVM_FLAGS (bin/datasipper's JVM flags), DS_JAR (the CLI jar);
      BENCH_LABEL, if set, names the run in the report and its file (startup-<date>-<label>.md)
      """;
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long POLL_MILLIS = 10;

  private final Map<String, Long> firstRequest = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final Path work;

  private StartupBench(Path work) throws IOException {
    this.work = work;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] page = "<!doctype html><title>start</title><p>started</p>".getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      String query = String.valueOf(exchange.getRequestURI().getQuery());
      firstRequest.putIfAbsent(query, System.nanoTime());
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    server.start();
  }

  /**
   * One timed start: seconds to the browser's process (the JVM's part of sip's start), to the page's
   * request, and to the first stored event; -1 where not timed.
   */
  record Start(double toBrowser, double toRequest, double toFirstEvent) {}

  public static void main(String[] args) throws Exception {
    BenchArgs a;
    try {
      a = BenchArgs.parse(args, USAGE, List.of(new BenchArgs.Option("runs", 10, 1, 30)));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path work = Files.createTempDirectory("datasipper-startup-bench");
    StartupBench bench = new StartupBench(work);
    try {
      System.out.println("Report: " + bench.run(a.getInt("runs"), ChromiumLocator.require()));
    } finally {
      bench.server.stop(0);
      BenchFiles.deleteTree(work);
    }
  }

  private Path run(int runs, Path chromium) throws Exception {
    String loadAtStart = Proc.loadAverage();
    List<Start> bare = new ArrayList<>();
    List<Start> sip = new ArrayList<>();
    List<String> loads = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      Start b = bare(chromium, "bare-" + i);
      Start s = sip("sip-" + i);
      if (i > 0) {
        bare.add(b);
        sip.add(s);
        loads.add(Proc.loadAverage());
      }
      System.err.printf(Locale.ROOT, "run %d%s: bare %.2f s, sip %.2f s to its browser, %.2f s to the request, %.2f s to"
          + " the first event%n", i, i == 0 ? " (warm-up)" : "", b.toRequest(), s.toBrowser(), s.toRequest(), s.toFirstEvent());
    }
    return StartupReport.write(runs, bare, sip, loads, loadAtStart, System.getenv("DS_JVM_FLAGS"),
        System.getenv("BENCH_LABEL"), Path.of("bench", "results"));
  }

  private Start bare(Path chromium, String run) throws Exception {
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--user-data-dir=" + work.resolve("bare-profile")));
    command.addAll(ChromiumFlags.DATASIPPER);
    command.addAll(ChromiumFlags.HERMETIC);
    command.add(url(run));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("bare.log").toFile()).start();
    try {
      return new Start(0, awaitRequest(run, start), -1);
    } finally {
      stop(p);
    }
  }

  private Start sip(String run) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getenv("DS_JAVA"));
    command.addAll(Arrays.asList(System.getenv("DS_JVM_FLAGS").trim().split("\\s+")));
    command.addAll(List.of("-jar", System.getenv("DS_JAR"), "sip", "--data-dir", work.resolve("sip-data").toString(),
        "--for", "60s", "--browser-arg=" + ChromiumFlags.HERMETIC.getFirst(), url(run)));
    Path db = work.resolve("sip-data").resolve("events.db");
    long before = storedEvents(db);
    long startMillis = System.currentTimeMillis();
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("sip.log").toFile())).start();
    try {
      double toRequest = awaitRequest(run, start);
      double toBrowser = browserStarted(work.resolve("sip-data").resolve("profile"), startMillis);
      while (storedEvents(db) <= before && System.nanoTime() - start < TIMEOUT_NANOS) {
        Thread.sleep(POLL_MILLIS);
      }
      return new Start(toBrowser, toRequest, seconds(System.nanoTime() - start));
    } finally {
      stop(p);
    }
  }

  private double awaitRequest(String run, long start) throws InterruptedException {
    while (!firstRequest.containsKey("run=" + run)) {
      if (System.nanoTime() - start > TIMEOUT_NANOS) {
        throw new IllegalStateException(run + ": the page was not requested within 30 s (logs in " + work + ")");
      }
      Thread.sleep(1);
    }
    return seconds(firstRequest.get("run=" + run) - start);
  }

  /**
   * Seconds from the command's start to its browser's profile lock, an upper bound on the JVM's part
   * of the start: Chromium makes the profile's {@code SingletonLock} link early in its start-up, after
   * its own first steps, and its time tells without polling (which would cost the CPU being
   * measured). -1 if unreadable.
   */
  private static double browserStarted(Path profile, long startMillis) {
    try {
      long made = Files.readAttributes(profile.resolve("SingletonLock"), java.nio.file.attribute.BasicFileAttributes.class,
          java.nio.file.LinkOption.NOFOLLOW_LINKS).lastModifiedTime().toMillis();
      return (made - startMillis) / 1000.0;
    } catch (IOException e) {
      return -1;
    }
  }

  /** Events in the store so far; 0 while it does not exist. Read-only, beside the running writer. */
  private static long storedEvents(Path db) {
    if (!Files.exists(db)) {
      return 0;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      return 0; // not created yet, or busy: the next poll sees it
    }
  }

  /** Asks the process to end (SIGTERM: sip flushes and closes its browser), then makes sure it has. */
  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private String url(String run) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/?run=" + run;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
