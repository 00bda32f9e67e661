package io.datasipper.export;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the node scripts of {@code export/src/test/node} with the npm packages its package.json pins,
 * installed into {@code export/target/node} the first time (and again only when a pinned version is
 * not there). The export module's tests and the cli's export tests share them: the scripts are found
 * beside the classes of this test jar. Node.js and npm are required: when either is missing the
 * calling test fails saying so, because the checks these scripts make must never be skipped silently.
 */
public final class NodeTool {
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(1);
  private static NodeTool installed;

  /** How a script ended: its exit code and its stdout and stderr together. */
  public record Result(int exitCode, String output) {}

  private final Path home;

  private NodeTool(Path home) {
    this.home = home;
  }

  /** The tool with its packages installed, installing them on first use. */
  public static synchronized NodeTool installed() throws IOException, InterruptedException {
    if (installed == null) {
      Path module = exportModuleDir();
      Path scripts = module.resolve("src/test/node");
      if (!Files.isDirectory(scripts)) {
        fail("the node validators are not in " + scripts + ": run the tests from the source tree");
      }
      installed = install(scripts, module.resolve("target/node"));
    }
    return installed;
  }

  /** The running module's directory: Maven's basedir, or the working directory outside Maven. */
  public static Path moduleDir() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  }

  /** This class is loaded from the export module's target/test-classes or from its test jar in target/. */
  private static Path exportModuleDir() {
    try {
      Path loadedFrom = Path.of(NodeTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return loadedFrom.getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where NodeTool was loaded from", e);
    }
  }

  /** Runs {@code node SCRIPT ARGS...}, the script being one of {@code export/src/test/node}. */
  public Result run(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", home.resolve(script).toString()));
    command.addAll(List.of(args));
    return exec(home, RUN_TIMEOUT, command);
  }

  private static NodeTool install(Path source, Path home) throws IOException, InterruptedException {
    require("node", "Node.js runs the HAR and JSON Schema validators of these tests");
    require("npm", "npm installs the validators (har-validator, ajv) from export/src/test/node/package.json");
    Files.createDirectories(home);
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, home.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (!packagesInstalled(home)) {
      Result npm = exec(home, INSTALL_TIMEOUT,
          List.of("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund"));
      if (npm.exitCode() != 0 || !packagesInstalled(home)) {
        fail("npm install into " + home + " failed (exit " + npm.exitCode() + "):\n" + npm.output());
      }
    }
    return new NodeTool(home);
  }

  /** Whether every dependency of package.json is in node_modules at exactly its pinned version. */
  private static boolean packagesInstalled(Path home) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode dependencies = json.readTree(home.resolve("package.json").toFile()).path("dependencies");
    for (Map.Entry<String, JsonNode> d : dependencies.properties()) {
      Path installedPackage = home.resolve("node_modules").resolve(d.getKey()).resolve("package.json");
      if (!Files.isRegularFile(installedPackage)
          || !json.readTree(installedPackage.toFile()).path("version").asText().equals(d.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private static void require(String command, String why) throws InterruptedException {
    try {
      Result r = exec(Path.of("").toAbsolutePath(), RUN_TIMEOUT, List.of(command, "--version"));
      if (r.exitCode() != 0) {
        fail(command + " --version failed (exit " + r.exitCode() + "): " + r.output());
      }
    } catch (IOException e) {
      fail(command + " is missing: it is not installed or not on the PATH (" + e.getMessage() + "). "
          + why + "; install Node.js with npm to run these tests.");
    }
  }

  /** Output goes to a file rather than a pipe, so a hung process cannot block the read. */
  private static Result exec(Path dir, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("node-tool-", ".log");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within " + timeout);
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
