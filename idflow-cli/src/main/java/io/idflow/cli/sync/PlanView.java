package io.idflow.cli.sync;

import io.idflow.api.definition.DefinitionProblem;
import io.idflow.cli.Table;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.SyncAction;
import io.idflow.sync.SyncApply;
import io.idflow.sync.SyncPlan;
import io.idflow.sync.SyncPlan.Change;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Prints plans and their results as text, and builds their JSON documents. */
final class PlanView {

  private static final int MAX_DIFFERENCES = 5;

  private PlanView() {}

  /**
   * The plan as text: one section per kind in scope, one line per change (unchanged and remote-only
   * ones only when {@code verbose}), what differs under updates and conflicts, then the counts.
   */
  static void printPlan(
      PrintWriter out, SyncPlan plan, Set<DefinitionKind> kinds, boolean verbose) {
    for (DefinitionKind kind : DefinitionKind.values()) {
      if (!kinds.contains(kind)) {
        continue;
      }
      List<Change> changes = plan.of(kind);
      out.println(kind.heading() + ":");
      Table table = new Table();
      List<List<String>> details = new ArrayList<>();
      int unchanged = 0;
      int remoteOnly = 0;
      for (Change c : changes) {
        // Unchanged and remote-only definitions can be thousands: counted, listed with -v only.
        if (!verbose && c.action() == SyncAction.UNCHANGED) {
          unchanged++;
          continue;
        }
        if (!verbose && c.action() == SyncAction.REMOTE_ONLY) {
          remoteOnly++;
          continue;
        }
        table.row(c.action().label(), c.label(), c.source() == null ? "" : c.source());
        details.add(details(c));
      }
      List<String> hidden = new ArrayList<>();
      if (unchanged > 0) {
        hidden.add(unchanged + " unchanged");
      }
      if (remoteOnly > 0) {
        hidden.add(remoteOnly + " only in Conductor");
      }
      String note = hidden.isEmpty() ? "" : "(" + String.join(", ", hidden) + ")";
      if (table.isEmpty()) {
        out.println(changes.isEmpty() ? "  (none)" : "  nothing to do " + note);
        continue;
      }
      // The table aligns the rows; the details go under their row.
      java.io.StringWriter buf = new java.io.StringWriter();
      table.print(new PrintWriter(buf), "  ");
      String[] lines = buf.toString().split("\\R");
      for (int i = 0; i < lines.length; i++) {
        out.println(lines[i]);
        for (String d : details.get(i)) {
          out.println("      " + d);
        }
      }
      if (!note.isEmpty()) {
        out.println("  " + note);
      }
    }
    out.println();
    out.println("Plan: " + summary(plan));
    out.flush();
  }

  private static List<String> details(Change c) {
    List<String> out = new ArrayList<>();
    List<String> d = c.differences();
    for (int i = 0; i < Math.min(MAX_DIFFERENCES, d.size()); i++) {
      out.add(d.get(i));
    }
    if (d.size() > MAX_DIFFERENCES) {
      out.add("... and " + (d.size() - MAX_DIFFERENCES) + " more");
    }
    if (c.action() == SyncAction.CONFLICT) {
      out.add("same name and version, other content: bump the version, or --force to overwrite");
    }
    return out;
  }

  /** {@code 2 to create, 1 to update, 5 unchanged, 1 only in Conductor, 1 conflict}. */
  static String summary(SyncPlan plan) {
    Map<SyncAction, Integer> n = plan.counts();
    return n.get(SyncAction.CREATE)
        + " to create, "
        + n.get(SyncAction.UPDATE)
        + " to update, "
        + n.get(SyncAction.UNCHANGED)
        + " unchanged, "
        + n.get(SyncAction.REMOTE_ONLY)
        + " only in Conductor (left alone), "
        + n.get(SyncAction.CONFLICT)
        + (n.get(SyncAction.CONFLICT) == 1 ? " conflict" : " conflicts");
  }

  /** The results as text: one line per write, refusal or failure, then the counts. */
  static void printResults(PrintWriter out, List<SyncApply.Result> results) {
    Table table = new Table();
    for (SyncApply.Result r : results) {
      SyncApply.Outcome o = r.outcome();
      if (o == SyncApply.Outcome.UNCHANGED || o == SyncApply.Outcome.LEFT) {
        continue;
      }
      table.row(
          o.label(),
          r.change().kind().noun(),
          r.change().label(),
          r.error() != null
              ? r.error()
              : o == SyncApply.Outcome.REFUSED ? "conflict (use --force to overwrite)" : "");
    }
    if (!table.isEmpty()) {
      out.println();
      table.print(out, "  ");
    }
    out.println();
    out.println("Summary: " + resultSummary(results));
    out.flush();
  }

  /** {@code 2 created, 1 updated, 5 unchanged, 1 refused, 0 failed}. */
  static String resultSummary(List<SyncApply.Result> results) {
    Map<SyncApply.Outcome, Integer> n = SyncApply.counts(results);
    return n.get(SyncApply.Outcome.CREATED)
        + " created, "
        + n.get(SyncApply.Outcome.UPDATED)
        + " updated, "
        + n.get(SyncApply.Outcome.UNCHANGED)
        + " unchanged, "
        + n.get(SyncApply.Outcome.REFUSED)
        + " refused, "
        + n.get(SyncApply.Outcome.FAILED)
        + " failed";
  }

  /** The JSON document of a plan and, after applying, its results (null for a dry run). */
  static Map<String, Object> json(
      String server, SyncPlan plan, List<SyncApply.Result> results, boolean dryRun, boolean force) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("server", server);
    doc.put("dryRun", dryRun);
    doc.put("force", force);
    doc.put("problems", problemsJson(plan.problems()));
    Map<String, Object> counts = new LinkedHashMap<>();
    plan.counts().forEach((a, n) -> counts.put(camel(a.label()), n));
    doc.put("plan", counts);
    List<Map<String, Object>> changes = new ArrayList<>();
    for (int i = 0; i < plan.changes().size(); i++) {
      Change c = plan.changes().get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", c.kind());
      m.put("name", c.name());
      m.put("version", c.version());
      m.put("action", c.action());
      m.put("source", c.source());
      m.put("origin", c.local() == null ? null : c.local().origin());
      m.put("differences", c.differences());
      SyncApply.Result r = results == null ? null : results.get(i);
      m.put("result", r == null ? null : r.outcome());
      m.put("error", r == null ? null : r.error());
      changes.add(m);
    }
    doc.put("changes", changes);
    if (results == null) {
      doc.put("results", null);
    } else {
      Map<String, Object> n = new LinkedHashMap<>();
      SyncApply.counts(results).forEach((o, k) -> n.put(o.label(), k));
      doc.put("results", n);
    }
    return doc;
  }

  static List<Map<String, Object>> problemsJson(List<DefinitionProblem> problems) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DefinitionProblem p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", p.source());
      m.put("path", p.path());
      m.put("reason", p.reason());
      out.add(m);
    }
    return out;
  }

  private static String camel(String label) {
    int dash = label.indexOf('-');
    return dash < 0
        ? label
        : label.substring(0, dash)
            + Character.toUpperCase(label.charAt(dash + 1))
            + label.substring(dash + 2);
  }
}
