package io.idflow.cli.run;

import io.idflow.api.internal.Json;
import io.idflow.cli.CliContext;
import io.idflow.cli.Table;
import io.idflow.conductor.run.Run;
import io.idflow.conductor.run.RunStatus;
import io.idflow.conductor.run.RunSummary;
import io.idflow.conductor.run.RunTask;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How runs look: the text tree, the JSON form, and the lines of a live view. */
final class RunView {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final boolean colour;

  /**
   * @param colour whether to colour statuses (a terminal without {@code NO_COLOR})
   */
  RunView(boolean colour) {
    this.colour = colour;
  }

  /** Whether output may be redrawn in place: stdout and stdin are a terminal, TERM is not dumb. */
  static boolean terminal(CliContext ctx) {
    return ctx.interactive()
        && System.console() != null
        && !"dumb".equals(ctx.env().getOrDefault("TERM", "dumb"));
  }

  /** Whether to colour: on a terminal, unless {@code NO_COLOR} is set (to anything). */
  static boolean colour(CliContext ctx) {
    return terminal(ctx) && !ctx.env().containsKey("NO_COLOR");
  }

  /** The run as text: a heading, its input and output, and its tasks as an indented table. */
  String text(Run run) {
    StringWriter buf = new StringWriter();
    PrintWriter out = new PrintWriter(buf);
    out.println(
        "run "
            + run.id()
            + "  "
            + run.name()
            + " v"
            + run.version()
            + "  "
            + status(run.status().name()));
    if (run.correlationId() != null) {
      out.println("  correlation id: " + run.correlationId());
    }
    out.println(
        "  started: "
            + time(run.started())
            + (run.ended() == null
                ? ""
                : "  ended: " + time(run.ended()) + "  took " + took(run.started(), run.ended())));
    if (run.reason() != null) {
      out.println("  reason: " + oneLine(run.reason()));
    }
    out.println("  input: " + Json.compact(run.input()));
    if (run.status().isEnded()) {
      out.println("  output: " + Json.compact(run.output()));
    }
    Table t = new Table("TASK", "TYPE", "STATUS", "WORKER", "ATTEMPT", "STARTED", "TOOK", "REASON");
    rows(t, run.tasks(), "");
    if (t.isEmpty()) {
      out.println("  no tasks yet");
    } else {
      t.print(out, "  ");
    }
    out.flush();
    return buf.toString();
  }

  private void rows(Table t, List<RunTask> tasks, String indent) {
    for (RunTask task : tasks) {
      t.row(
          indent + task.ref(),
          task.type(),
          task.status(),
          task.worker(),
          task.attempt(),
          task.started() == null ? null : CLOCK.format(task.started()),
          task.started() == null || task.ended() == null
              ? null
              : took(task.started(), task.ended()),
          task.reason() == null ? null : oneLine(task.reason()));
      List<List<RunTask>> branches = task.branches();
      for (int i = 0; i < branches.size(); i++) {
        t.row(indent + "  [branch " + (i + 1) + "]");
        rows(t, branches.get(i), indent + "    ");
      }
      if (task.subWorkflow() != null) {
        Run sub = task.subWorkflow();
        t.row(
            indent + "  > run " + sub.id(), sub.name() + " v" + sub.version(), sub.status().name());
        rows(t, sub.tasks(), indent + "    ");
      }
    }
  }

  /** Search results as a table. */
  static Table table(List<RunSummary> found) {
    Table t = new Table("ID", "WORKFLOW", "STATUS", "STARTED", "TOOK", "CORRELATION ID");
    for (RunSummary s : found) {
      t.row(
          s.id(),
          s.name() + " v" + s.version(),
          s.status(),
          s.started() == null ? null : TIME.format(s.started()),
          s.started() == null || s.ended() == null ? null : took(s.started(), s.ended()),
          s.correlationId());
    }
    return t;
  }

  /** The lines of what changed between two states of a run, for a view that appends. */
  List<String> changes(Run before, Run now) {
    Map<String, String> was = new HashMap<>();
    if (before != null) {
      flatten(before).forEach((k, v) -> was.put(k, v));
    }
    List<String> lines = new ArrayList<>();
    String clock = CLOCK.format(Instant.now());
    flatten(now)
        .forEach(
            (key, status) -> {
              if (!status.equals(was.get(key))) {
                lines.add(clock + "  " + key + "  " + status(status));
              }
            });
    if (before == null || before.status() != now.status()) {
      lines.add(clock + "  run " + now.id() + " " + status(now.status().name()));
    }
    return lines;
  }

  /** Each task of the tree as {@code ref TYPE} (sub-workflow tasks prefixed) to its status. */
  private static Map<String, String> flatten(Run run) {
    Map<String, String> m = new LinkedHashMap<>();
    flatten("", run.tasks(), m);
    return m;
  }

  private static void flatten(String prefix, List<RunTask> tasks, Map<String, String> into) {
    for (RunTask t : tasks) {
      into.put(prefix + t.ref() + " (" + t.type() + ")", t.status());
      for (List<RunTask> branch : t.branches()) {
        flatten(prefix, branch, into);
      }
      if (t.subWorkflow() != null) {
        flatten(prefix + t.ref() + "/", t.subWorkflow().tasks(), into);
      }
    }
  }

  /** The run as the stable JSON form of {@code --output json}. */
  static Map<String, Object> json(Run run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", run.id());
    m.put("name", run.name());
    m.put("version", run.version());
    m.put("status", run.status().name());
    m.put("correlationId", run.correlationId());
    m.put("parentId", run.parentId());
    m.put("started", str(run.started()));
    m.put("ended", str(run.ended()));
    m.put("reason", run.reason());
    m.put("input", run.input());
    m.put("output", run.output());
    m.put("tasks", run.tasks().stream().map(RunView::json).toList());
    return m;
  }

  private static Map<String, Object> json(RunTask t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ref", t.ref());
    m.put("name", t.name());
    m.put("type", t.type());
    m.put("status", t.status());
    m.put("taskId", t.taskId());
    m.put("worker", t.worker());
    m.put("attempt", t.attempt());
    m.put("scheduled", str(t.scheduled()));
    m.put("started", str(t.started()));
    m.put("ended", str(t.ended()));
    m.put("reason", t.reason());
    m.put("input", t.input());
    m.put("output", t.output());
    m.put(
        "branches",
        t.branches().stream().map(b -> b.stream().map(RunView::json).toList()).toList());
    m.put("subWorkflow", t.subWorkflow() == null ? null : json(t.subWorkflow()));
    return m;
  }

  /** A search result in the JSON form. */
  static Map<String, Object> json(RunSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("version", s.version());
    m.put("status", s.status().name());
    m.put("correlationId", s.correlationId());
    m.put("started", str(s.started()));
    m.put("ended", str(s.ended()));
    m.put("reason", s.reason());
    return m;
  }

  private String status(String status) {
    if (!colour) {
      return status;
    }
    String code =
        switch (status) {
          case "COMPLETED" -> "32";
          case "FAILED", "FAILED_WITH_TERMINAL_ERROR", "TIMED_OUT", "TERMINATED", "CANCELED" ->
              "31";
          case "PAUSED", "SCHEDULED" -> "33";
          case "IN_PROGRESS", "RUNNING" -> "36";
          default -> "0";
        };
    return "\u001b[" + code + "m" + status + "\u001b[0m";
  }

  /** Whether a status is one the run ended badly in. */
  static boolean failed(RunStatus s) {
    return s.isUnsuccessful();
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  private static String time(Instant i) {
    return i == null ? "-" : TIME.format(i);
  }

  static String took(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    if (d.toSeconds() < 60) {
      return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    return (d.toMinutes() > 0 ? d.toMinutes() + "m" : "") + d.toSecondsPart() + "s";
  }

  private static String oneLine(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 120 ? one.substring(0, 117) + "..." : one;
  }
}
