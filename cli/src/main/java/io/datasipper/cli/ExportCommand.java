package io.datasipper.cli;

import io.datasipper.api.files.PrivateFiles;
import io.datasipper.export.HarSummary;
import io.datasipper.export.HarWriter;
import io.datasipper.store.EventFilter;
import io.datasipper.store.EventStore;
import io.datasipper.store.PageQuery;
import io.datasipper.store.PageQuery.Order;
import io.datasipper.store.UncheckedStoreException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code datasipper export FORMAT}: writes a capture in a format other tools read. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export the capture of a data directory to a file other tools read.",
    subcommands = ExportCommand.Har.class)
final class ExportCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw UserError.usage("name a format: datasipper export har -o FILE");
  }

  /**
   * {@code datasipper export har}. The file appears only when complete: the document is written
   * to a hidden file beside it, then renamed over it. Written to standard output ({@code -o -}), it
   * can go through a pipe: to {@code import har -} on another machine, say. The filters are those of
   * {@code events}; the export holds the events stored when it starts.
   */
  @Command(
      name = "har",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = "Write the capture as a HAR 1.2 file, as Chrome exports one: HTTP exchanges,"
          + " redirect hops, WebSocket messages and SSE messages; with filters, only the events they choose.")
  static final class Har implements Callable<Integer> {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final String STANDARD_OUTPUT = "-";

    @Mixin DataDirOption dataDir;

    @Mixin EventFilterOptions filters;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
        description = "The HAR file to write; replaced if it exists. A name ending in .gz writes it gzipped;"
            + " - writes it to standard output.")
    Path output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      EventFilter filter = filters.filter(Instant.now());
      return output.toString().equals(STANDARD_OUTPUT) ? toStandardOutput(filter) : toFile(filter);
    }

    private int toFile(EventFilter filter) {
      Path target = output.toAbsolutePath();
      if (Files.isDirectory(target)) {
        throw UserError.failure("cannot write " + output + ": it is a directory");
      }
      // Beside the target, so that the rename is atomic; the pid keeps concurrent exports apart.
      Path partial = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      try {
        Unreadable unreadable = new Unreadable();
        HarSummary written;
        // 0600, as every file DataSipper writes captured traffic to: the HAR holds bodies and headers.
        try (OutputStream out = gzippedIfNamed(target, new BufferedOutputStream(Channels.newOutputStream(
            Files.newByteChannel(partial, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PrivateFiles.fileAttributes()))))) {
          // The spool goes beside the output too: it needs about as much room as the capture.
          written = export(out, target.getParent(), filter, unreadable);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return summarize(written, output.toString(), spec.commandLine().getOut(), unreadable);
      } catch (IOException e) {
        throw UserError.failure("cannot write " + output + ": " + reason(e));
      } catch (UncheckedIOException e) {
        throw UserError.failure("cannot write " + output + ": " + reason(e.getCause()));
      } finally {
        deleteQuietly(partial);
      }
    }

    /**
     * The HAR takes standard output, so what was written is told on standard error. A failure is
     * told apart: standard output's (a pipe closed early) or the spool's (its disk full).
     */
    private int toStandardOutput(EventFilter filter) {
      OutputStream stdout = new BufferedOutputStream(new StandardOutput(), BUFFER_BYTES);
      // The data directory is on the capture's disk and as private as the capture the spool holds.
      Path spoolDir = dataDir.path();
      try {
        Unreadable unreadable = new Unreadable();
        HarSummary written = export(stdout, spoolDir, filter, unreadable);
        stdout.flush();
        return summarize(written, "standard output", spec.commandLine().getErr(), unreadable);
      } catch (StandardOutput.WriteFailed e) {
        throw UserError.failure("cannot write to standard output: " + e.getMessage());
      } catch (IOException e) {
        throw UserError.failure("cannot export: its spool in " + spoolDir + " failed: " + reason(e));
      } catch (UncheckedIOException e) {
        throw UserError.failure("cannot export: its spool in " + spoolDir + " failed: " + reason(e.getCause()));
      }
    }

    private HarSummary export(OutputStream out, Path spoolDir, EventFilter filter, Unreadable unreadable)
        throws IOException {
      try (EventStore store = dataDir.openExisting();
          // An encrypted store's events must not lie on disk decrypted but in the file asked for.
          HarWriter har = store.encrypted() ? HarWriter.createSealed(spoolDir) : HarWriter.create(spoolDir)) {
        // A capture still running goes on storing: the export stops at what was there when it began.
        long through = store.maxSeq();
        if (through == 0) {
          throw UserError.usage("no capture in " + dataDir.path() + ": it holds no events yet");
        }
        store.walk(new PageQuery(filter, 0, through + 1, Order.OLDEST, PageQuery.MAX_LIMIT), stored -> {
          unreadable.read(stored, har::add);
          return true;
        });
        return har.writeTo(out);
      } catch (UncheckedStoreException e) {
        throw UserError.failure(e.getMessage());
      } catch (IllegalArgumentException e) {
        throw UserError.usage(e.getMessage()); // a filter the store cannot answer (an encrypted one)
      }
    }

    private int summarize(HarSummary written, String where, PrintWriter to, Unreadable unreadable) {
      to.printf("wrote %s (%s, %s) to %s%n", count(written.entries(), "entry", "entries"),
          count(written.webSocketConnections(), "WebSocket connection", "WebSocket connections"),
          count(written.webSocketMessages(), "message", "messages"), where);
      return unreadable.report(spec.commandLine().getErr(), "exported") ? Main.FAILURE : Main.OK;
    }

    /** A name ending in .gz asks for the HAR gzipped, as {@code import har} reads it back. */
    private static OutputStream gzippedIfNamed(Path target, OutputStream file) throws IOException {
      return target.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(file, BUFFER_BYTES) : file;
    }

    /**
     * Standard output's own descriptor: {@code System.out}'s PrintStream would hide a write that
     * failed. Its failures are marked, to tell them from the spool's.
     */
    private static final class StandardOutput extends FileOutputStream {
      StandardOutput() {
        super(FileDescriptor.out);
      }

      @Override
      public void write(int b) throws IOException {
        try {
          super.write(b);
        } catch (IOException e) {
          throw new WriteFailed(e);
        }
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
          super.write(bytes, offset, length);
        } catch (IOException e) {
          throw new WriteFailed(e);
        }
      }

      /** A write to standard output that failed. */
      static final class WriteFailed extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailed(IOException cause) {
          super(cause.getMessage(), cause);
        }
      }
    }

    private static String count(long n, String one, String many) {
      return n + " " + (n == 1 ? one : many);
    }

    /** Java's messages for these are just the path; say what is wrong instead. */
    private static String reason(IOException e) {
      if (e instanceof AccessDeniedException) {
        return "permission denied";
      }
      if (e instanceof NoSuchFileException) {
        return "no such directory";
      }
      if (e instanceof FileSystemException fs && fs.getReason() != null) {
        return fs.getReason();
      }
      return e.getMessage();
    }

    private static void deleteQuietly(Path file) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Nothing more to do: the export already succeeded or failed with its own message.
      }
    }
  }
}
