package io.datasipper.output.sql;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The local database servers the tests write to. A server that does not answer fails the test
 * with what to start; it is never skipped, since the output is only proven against real servers.
 */
enum Db {
  POSTGRESQL("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "postgres",
      "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"),
  MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", "root",
      "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");

  private static final Duration STARTUP = Duration.ofSeconds(90);

  final String label;
  final String url;
  final String user;
  private final String startCommand;

  Db(String label, String url, String user, String startCommand) {
    this.label = label;
    this.url = url;
    this.user = user;
    this.startCommand = startCommand;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  /** Fails, naming the server and how to start it, unless it answers. */
  void require() {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    } catch (SQLException e) {
      fail(label + " is missing: nothing answers at " + url + " as " + user + " (start it with: " + startCommand + "): "
          + e.getMessage());
    }
  }

  /** A table name no other test uses. */
  String newTable(String purpose) {
    return "ds_" + purpose + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** The output's settings for {@code table}, plus {@code extra} key-value pairs. */
  Map<String, Object> settings(String table, Object... extra) {
    Map<String, Object> s = new HashMap<>(Map.of("url", url, "user", user, "table", table, "timeout_ms", 5_000));
    if (this == MARIADB) {
      s.put("password", "");
    }
    for (int i = 0; i < extra.length; i += 2) {
      s.put((String) extra[i], extra[i + 1]);
    }
    return s;
  }

  void execute(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  void drop(String table) throws SQLException {
    execute("DROP TABLE IF EXISTS " + table);
  }

  long count(String table) throws SQLException {
    return query("SELECT COUNT(*) FROM " + table, 1).getFirst().get(0) instanceof Number n ? n.longValue() : -1;
  }

  /** Every row of {@code sql} as its first {@code columns} values. */
  List<List<Object>> query(String sql, int columns) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> rows = new java.util.ArrayList<>();
      while (rs.next()) {
        List<Object> row = new java.util.ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /**
   * Takes the server down in the middle of whatever it is doing and brings it back: PostgreSQL by
   * its cluster restart (fast shutdown: open sessions are ended); MariaDB by SIGKILL to the
   * process named in its pid file, then started again. Returns once the server answers.
   */
  void restart() throws Exception {
    if (this == POSTGRESQL) {
      String version = Files.list(Path.of("/etc/postgresql")).findFirst().orElseThrow().getFileName().toString();
      run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"));
    } else {
      String pidFile = (String) query("SELECT @@pid_file", 1).getFirst().getFirst();
      long pid = Long.parseLong(Files.readString(Path.of(pidFile)).strip());
      ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
      server.destroyForcibly();
      server.onExit().get(30, TimeUnit.SECONDS);
      run(List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"));
    }
    awaitAnswer();
  }

  private void awaitAnswer() throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      try (Connection c = connect()) {
        if (c.isValid(5)) {
          return;
        }
      } catch (SQLException e) {
        last = e;
      }
      Thread.sleep(200);
    }
    fail(label + " did not answer within " + STARTUP + " of its restart: " + (last == null ? "" : last.getMessage()));
  }

  /**
   * Runs a command to its end. Its output goes to a file, not a pipe: a daemon it starts keeps the
   * inherited descriptors open, and a pipe would never reach its end.
   */
  private static void run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("db-command", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(command + " did not finish within 120 s");
    }
    if (p.exitValue() != 0) {
      fail(command + " exited with " + p.exitValue() + ": " + Files.readString(log));
    }
  }
}
