package io.idflow.cli.quickstart;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows the pipeline's progress, a line per document and stage: on a terminal the block of lines is
 * redrawn in place (with colours unless {@code NO_COLOR}); otherwise each change is appended as a
 * plain line, so a log or a CI job reads top to bottom. Not thread-safe: the command's loop calls
 * it.
 */
final class Progress {

  /**
   * One line of the display.
   *
   * @param key identifies the line (document and stage instance)
   * @param document the document's title
   * @param stage {@code stage #counter}, or empty when no stage applies to the document
   * @param status the instance's status, or a note
   */
  record Row(String key, String document, String stage, String status) {}

  private static final String RESET = "\u001b[0m";

  private final PrintWriter err;
  private final boolean live;
  private final boolean color;
  private final Map<String, String> shown = new HashMap<>();
  private int drawn;
  private List<Row> last = List.of();

  /**
   * A display.
   *
   * @param err where it goes
   * @param live redraw in place (a terminal) rather than append
   * @param color colour the statuses (only when live)
   */
  Progress(PrintWriter err, boolean live, boolean color) {
    this.err = err;
    this.live = live;
    this.color = live && color;
  }

  /** Whether the display redraws in place. */
  boolean live() {
    return live;
  }

  /**
   * Shows the rows: redraws them all (live), or appends those whose status changed (plain).
   *
   * @param rows every row, in display order
   * @param elapsed the pipeline's time so far, for the plain lines and the live header
   * @param header the live header's text (what is done so far)
   */
  void update(List<Row> rows, String elapsed, String header) {
    last = List.copyOf(rows);
    if (live) {
      redraw(rows, elapsed, header);
      return;
    }
    for (Row r : rows) {
      if (!r.status().equals(shown.get(r.key()))) {
        shown.put(r.key(), r.status());
        err.println(
            "["
                + pad(elapsed, 6, true)
                + "] "
                + r.document()
                + (r.stage().isEmpty() ? "" : ": " + r.stage())
                + " "
                + r.status());
      }
    }
    err.flush();
  }

  /**
   * Prints lines above the live block (warnings, notes) without breaking it: the block is drawn
   * again below them on the next update. Plain: prints them.
   */
  void note(String line) {
    if (live && drawn > 0) {
      clearBlock();
    }
    err.println(line);
    err.flush();
  }

  /** Leaves the display: the live block stays on the screen as it is. */
  void finish() {
    drawn = 0;
    err.flush();
  }

  private void redraw(List<Row> rows, String elapsed, String header) {
    StringBuilder sb = new StringBuilder();
    if (drawn > 0) {
      sb.append("\u001b[").append(drawn).append('A');
    }
    int docWidth = 0;
    int stageWidth = 0;
    for (Row r : rows) {
      docWidth = Math.max(docWidth, Math.min(40, r.document().length()));
      stageWidth = Math.max(stageWidth, r.stage().length());
    }
    List<String> lines = new ArrayList<>();
    lines.add(header + " (" + elapsed + ")");
    for (Row r : rows) {
      lines.add(
          "  "
              + pad(clip(r.document(), 40), docWidth, false)
              + "  "
              + pad(r.stage(), stageWidth, false)
              + "  "
              + colored(r.status()));
    }
    for (String line : lines) {
      sb.append("\r\u001b[2K").append(line).append('\n');
    }
    // Lines of an earlier, longer block are cleared.
    for (int i = lines.size(); i < drawn; i++) {
      sb.append("\r\u001b[2K\n");
    }
    err.print(sb);
    err.flush();
    drawn = Math.max(drawn, lines.size());
  }

  private void clearBlock() {
    StringBuilder sb = new StringBuilder("\u001b[").append(drawn).append('A');
    for (int i = 0; i < drawn; i++) {
      sb.append("\r\u001b[2K\n");
    }
    sb.append("\u001b[").append(drawn).append('A');
    err.print(sb);
    drawn = 0;
  }

  private String colored(String status) {
    if (!color) {
      return status;
    }
    String code =
        switch (status) {
          case "done" -> "32";
          case "active" -> "33";
          case "blocked" -> "31";
          case "scheduled", "cancelled" -> "2";
          default -> null;
        };
    return code == null ? status : "\u001b[" + code + "m" + status + RESET;
  }

  /** The rows last shown. */
  List<Row> rows() {
    return last;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  static String pad(String s, int width, boolean left) {
    if (s.length() >= width) {
      return s;
    }
    String spaces = " ".repeat(width - s.length());
    return left ? spaces + s : s + spaces;
  }
}
