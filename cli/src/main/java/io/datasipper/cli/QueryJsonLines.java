package io.datasipper.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.store.SqlRows;
import java.io.PrintWriter;
import java.util.List;

/**
 * Rows as JSON lines: one object per row, its keys the column names, numbers as numbers, text as
 * strings, blobs as base64 strings, SQL NULL as null.
 */
final class QueryJsonLines implements SqlRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintWriter out;
  private List<String> columns = List.of();

  QueryJsonLines(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void columns(List<String> names) {
    columns = names;
  }

  @Override
  public void row(List<Object> values) {
    ObjectNode row = JSON.createObjectNode();
    for (int i = 0; i < values.size(); i++) {
      String name = columns.get(i);
      switch (values.get(i)) {
        case null -> row.putNull(name);
        case Long l -> row.put(name, l);
        case Double d -> row.put(name, d);
        case Object other -> row.put(name, QueryValue.text(other));
      }
    }
    out.println(row);
  }
}
