package io.datasipper.cli;

import io.datasipper.store.SqlRows;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows as CSV (RFC 4180): a line of column names, then one line per row; a field holding a comma,
 * a quote or a line break is quoted. SQL NULL is an empty field, a blob its base64.
 */
final class QueryCsv implements SqlRows {
  private final PrintWriter out;

  QueryCsv(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void columns(List<String> names) {
    line(new ArrayList<>(names));
  }

  @Override
  public void row(List<Object> values) {
    line(values);
  }

  private void line(List<?> values) {
    List<String> fields = new ArrayList<>(values.size());
    for (Object v : values) {
      fields.add(field(v));
    }
    // RFC 4180 ends records with CRLF, whatever the platform.
    out.print(String.join(",", fields) + "\r\n");
  }

  private static String field(Object v) {
    String text = QueryValue.text(v);
    boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
