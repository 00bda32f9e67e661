package io.datasipper.transform;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the context a transform runs in: plain ECMAScript and {@code console}, nothing else. No
 * host classes or objects, no files, network, processes, threads, environment or other languages;
 * {@code load} and {@code print} are switched off. Events reach the script only as proxies
 * (see {@link RecordView}), which need no host access.
 */
final class Sandbox {
  private static final Logger SCRIPT_LOG = LoggerFactory.getLogger("io.datasipper.transform.script");

  private Sandbox() {}

  static Context newContext(Engine engine, String stream, Limits limits) {
    OutputStream console = new ConsoleLog(stream);
    return Context.newBuilder("js")
        .engine(engine)
        .allowHostAccess(HostAccess.NONE)
        // No allowHostClassLookup at all: even one that refuses everything brings back `Java` and `Packages`.
        .allowIO(IOAccess.NONE)
        .allowCreateThread(false)
        .allowCreateProcess(false)
        .allowNativeAccess(false)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .allowInnerContextOptions(false)
        .allowValueSharing(false)
        .in(InputStream.nullInputStream())
        .out(console)
        .err(console)
        .timeZone(ZoneOffset.UTC)
        .option("js.load", "false")
        .option("js.print", "false")
        .option("js.graal-builtin", "false")
        .resourceLimits(ResourceLimits.newBuilder()
            // Only the script's own statements: built-ins and internal sources do not count.
            .statementLimit(limits.statementLimit(), source -> !source.isInternal())
            .build())
        .build();
  }

  /** console.log and friends: one debug line per line written, cut at 2000 characters. */
  private static final class ConsoleLog extends OutputStream {
    private static final int MAX_LINE = 2000;
    private final String stream;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ConsoleLog(String stream) {
      this.stream = stream;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        flushLine();
      } else if (line.size() < MAX_LINE) {
        line.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    private void flushLine() {
      if (SCRIPT_LOG.isDebugEnabled()) {
        SCRIPT_LOG.debug("[{}] {}", stream, line.toString(StandardCharsets.UTF_8));
      }
      line.reset();
    }
  }
}
