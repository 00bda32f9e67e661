package io.datasipper.cli;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.capture.redact.Redactor;
import io.datasipper.config.DataSipperConfig;
import io.datasipper.export.HarFormatException;
import io.datasipper.export.HarReader;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import io.datasipper.store.StoreKey;
import io.datasipper.store.UncheckedStoreException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code datasipper import FORMAT}: brings traffic recorded elsewhere into a data directory. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import traffic recorded by another tool into a data directory.",
    subcommands = ImportCommand.Har.class)
final class ImportCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw UserError.usage("name a format: datasipper import har FILE...");
  }

  /**
   * {@code datasipper import har}. All files go in one transaction: a file that cannot be read
   * stops the import, and nothing of any file is stored. {@code -} reads a HAR from standard input
   * (from {@code export har -o -} through a pipe, say); its events are marked as imported from
   * {@code stdin}.
   */
  @Command(
      name = "har",
      mixinStandardHelpOptions = true,
      description = "Import HAR 1.2 files (a browser's DevTools export, Playwright's, mitmproxy's, DataSipper's) as events:"
          + " HTTP exchanges, WebSocket messages and SSE messages, marked with the file they came from."
          + " Outputs deliver them as captured events (datasipper deliver, replay).")
  static final class Har implements Callable<Integer> {
    private static final String STANDARD_INPUT_NAME = "stdin";
    private static final String STANDARD_INPUT = "-";
    private static final int BUFFER_BYTES = 1 << 16;

    @Mixin DataDirOption dataDir;
    @Mixin CaptureOptions capture;

    @Parameters(arity = "1..*", paramLabel = "FILE",
        description = "The HAR files to import, gzipped ones too; - reads one from standard input.")
    List<Path> files;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      long piped = files.stream().filter(Har::isStandardInput).count();
      if (piped > 1) {
        throw UserError.usage("cannot import standard input (-) twice: it is read once, to its end");
      }
      if (piped == 1 && Terminal.standardInput()) {
        // Else the import would wait, its progress at 0 MB, for a HAR typed in by hand.
        throw UserError.usage("cannot import standard input: it is a terminal; pipe a HAR into it"
            + " (datasipper export har -o - | datasipper import har -) or name a file");
      }
      for (Path file : files) {
        if (!isStandardInput(file) && !Files.isRegularFile(file)) {
          throw UserError.usage("cannot import " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
        }
      }
      capture.requireConfigFile();
      String node = capture.node();
      DataSipperConfig config = capture.source(dataDir.path()).config();
      Redactor redactor = config.capture().redactor();
      TreeMap<String, Long> counts = new TreeMap<>();
      long stored;
      // Held for the import: a capture of this data directory would number its events over these.
      DataDirLock lock = DataDirOption.lock(dataDir.path(), DataDirLock.Kind.CAPTURE, "import");
      try (EventStore store = open(config.store().key())) {
        EventStamps stamps = new EventStamps(store.nextSeq(), node);
        ImportProgress progress = ImportProgress.forTerminal(spec.commandLine().getErr(), totalBytes());
        stored = store.insertAll(sink -> {
          for (Path file : files) {
            readFile(file, stamps, progress, e -> {
              CaptureEvent redacted = redactor.event(e);
              counts.merge(redacted.type(), 1L, Long::sum);
              sink.accept(redacted);
            });
          }
        });
        progress.done();
      } catch (UncheckedStoreException e) {
        throw UserError.failure(e.getMessage());
      } finally {
        lock.close();
      }
      spec.commandLine().getOut().printf("imported %d events (%s) from %s into %s%n", stored, describe(counts),
          sources(files.size() - piped, piped == 1), dataDir.path());
      return Main.OK;
    }

    /** What the events came from: "2 files", "standard input", "1 file and standard input". */
    private static String sources(long named, boolean piped) {
      String counted = named + " file" + (named == 1 ? "" : "s");
      if (!piped) {
        return counted;
      }
      return named == 0 ? "standard input" : counted + " and standard input";
    }

    private void readFile(Path file, EventStamps stamps, ImportProgress progress, Consumer<CaptureEvent> sink) {
      boolean stdin = isStandardInput(file);
      Path absolute = file.toAbsolutePath().normalize();
      String name = stdin ? STANDARD_INPUT_NAME : absolute.toString();
      // Counts what is read of the file, under the buffer the reader peeks into for gzip's magic bytes.
      try (InputStream in = new BufferedInputStream(
          progress.counting(stdin ? standardInput() : Files.newInputStream(absolute)), BUFFER_BYTES)) {
        new HarReader(stamps, name).read(in, sink);
      } catch (HarFormatException e) {
        throw UserError.failure("cannot import " + named(file) + ": " + e.getMessage() + "; nothing was imported");
      } catch (NoSuchFileException e) {
        throw UserError.failure("cannot import " + named(file) + ": no such file; nothing was imported");
      } catch (IOException e) {
        throw UserError.failure("cannot import " + named(file) + ": " + e.getMessage() + "; nothing was imported");
      } catch (UncheckedIOException e) {
        throw UserError.failure("cannot import " + named(file) + ": " + e.getCause().getMessage()
            + "; nothing was imported");
      }
    }

    /** Standard input, left open when the HAR read from it is: the process owns it. */
    private static InputStream standardInput() {
      return new FilterInputStream(System.in) {
        @Override
        public void close() {}
      };
    }

    private static String named(Path file) {
      return isStandardInput(file) ? "standard input" : file.toString();
    }

    private static boolean isStandardInput(Path file) {
      return file.toString().equals(STANDARD_INPUT);
    }

    /** The bytes the files hold; unknown ({@link ImportProgress#UNKNOWN}) when one is standard input. */
    private long totalBytes() {
      long total = 0;
      for (Path file : files) {
        if (isStandardInput(file)) {
          return ImportProgress.UNKNOWN;
        }
        try {
          total += Files.size(file);
        } catch (IOException e) {
          // Checked above that it is a file; a size it will not tell only makes the bar less exact.
        }
      }
      return total;
    }

    /**
     * With the config's key before the environment's, as a capture opens the store: a new one is
     * encrypted as the config asks.
     */
    private EventStore open(StoreKey configured) {
      try {
        return EventStore.open(dataDir.path(), StoreKeys.resolve(configured));
      } catch (StoreException e) {
        throw UserError.failure(e.getMessage());
      }
    }

    private static String describe(TreeMap<String, Long> counts) {
      if (counts.isEmpty()) {
        return "no entries";
      }
      StringBuilder text = new StringBuilder();
      counts.forEach((type, n) -> text.append(text.isEmpty() ? "" : ", ").append(n).append(' ').append(type));
      return text.toString();
    }
  }
}
