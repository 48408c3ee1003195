package io.idflow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table: columns left-justified to their widest cell, two spaces between columns, no
 * trailing spaces. Not thread-safe.
 */
public final class Table {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with these column headings; pass none for a table without a heading row. */
  public Table(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row; null cells print as empty. */
  public Table row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(c == null ? "" : String.valueOf(c));
    }
    rows.add(r);
    return this;
  }

  /** Whether the table has no rows. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Prints the table, each line prefixed with {@code indent}. */
  public void print(PrintWriter out, String indent) {
    int columns = header.size();
    for (List<String> r : rows) {
      columns = Math.max(columns, r.size());
    }
    int[] widths = new int[columns];
    List<List<String>> all = new ArrayList<>();
    if (!header.isEmpty()) {
      all.add(header);
    }
    all.addAll(rows);
    for (List<String> r : all) {
      for (int i = 0; i < r.size(); i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) {
          line.append("  ");
        }
        line.append(r.get(i));
        if (i < r.size() - 1) {
          char[] pad = new char[widths[i] - r.get(i).length()];
          Arrays.fill(pad, ' ');
          line.append(pad);
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
