package io.datasipper.cli;

import io.datasipper.store.SqlRows;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows as an aligned table to read in a terminal, followed by their count. The widths are those of
 * the first {@link #SAMPLE} rows, so that a long result is printed as it is read rather than held
 * whole; later values wider than their column push the line out.
 */
final class QueryTable implements SqlRows {
  static final int MAX_CELL = 80;
  private static final int SAMPLE = 1000;
  private final PrintWriter out;
  private List<String> columns = List.of();
  private final List<List<Object>> held = new ArrayList<>();
  private int[] widths;
  private long count;

  QueryTable(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void columns(List<String> names) {
    columns = names;
  }

  @Override
  public void row(List<Object> values) {
    count++;
    if (widths != null) {
      print(values);
      return;
    }
    held.add(values);
    if (held.size() == SAMPLE) {
      printHeld();
    }
  }

  /** Prints what is still held and the count of rows. */
  void finish() {
    if (widths == null) {
      printHeld();
    }
    out.println("(" + count + (count == 1 ? " row)" : " rows)"));
  }

  private void printHeld() {
    widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).length();
      for (List<Object> row : held) {
        widths[i] = Math.max(widths[i], cell(row.get(i)).length());
      }
    }
    List<String> header = new ArrayList<>();
    List<String> rule = new ArrayList<>();
    for (int i = 0; i < widths.length; i++) {
      header.add(pad(columns.get(i), widths[i], false));
      rule.add("-".repeat(widths[i]));
    }
    out.println(String.join("  ", header).stripTrailing());
    out.println(String.join("  ", rule));
    held.forEach(this::print);
    held.clear();
  }

  private void print(List<Object> values) {
    List<String> cells = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      cells.add(pad(cell(v), widths[i], v instanceof Number));
    }
    out.println(String.join("  ", cells).stripTrailing());
  }

  /** One line, cut to {@link #MAX_CELL} characters: values can be whole bodies with newlines. */
  private static String cell(Object v) {
    String text = QueryValue.text(v);
    String flat = text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    return flat.length() > MAX_CELL ? flat.substring(0, MAX_CELL - 3) + "..." : flat;
  }

  private static String pad(String text, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - text.length()));
    return right ? fill + text : text + fill;
  }
}
