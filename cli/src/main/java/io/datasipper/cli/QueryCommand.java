package io.datasipper.cli;

import io.datasipper.store.EventStore;
import io.datasipper.store.SqlRows;
import io.datasipper.store.UncheckedStoreException;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code datasipper query}: one read-only SQL statement over the stored events, its rows printed. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Run one SQL statement that reads over the captured events of a data directory and print its rows.",
      "The views http, ws_frames and sse have the fields of each kind of traffic as columns (docs/query.md)."
          + " A statement that would write is refused: the data directory is never changed."
    })
final class QueryCommand implements Callable<Integer> {
  /** How the rows are printed. */
  enum Format {
    table,
    json,
    csv
  }

  @Mixin DataDirOption dataDir;

  @Parameters(index = "0", paramLabel = "SQL",
      description = "The statement, such as \"SELECT host, count(*) FROM http GROUP BY host\".")
  String sql;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "How to print the rows: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). A table cuts values"
          + " longer than " + QueryTable.MAX_CELL + " characters; json prints one object per row; csv starts with"
          + " the column names.")
  Format format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut()));
    SqlRows rows = switch (format) {
      case table -> new QueryTable(out);
      case json -> new QueryJsonLines(out);
      case csv -> new QueryCsv(out);
    };
    try (EventStore store = dataDir.openExisting()) {
      store.sql(sql, rows);
      if (rows instanceof QueryTable table) {
        table.finish();
      }
    } catch (IllegalArgumentException e) {
      throw UserError.usage(e.getMessage());
    } catch (UncheckedStoreException e) {
      throw UserError.failure(e.getMessage());
    } finally {
      out.flush();
    }
    return Main.OK;
  }
}
