package io.idflow.cli.sync;

import com.netflix.conductor.client.exception.ConductorClientException;
import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.text.Printable;
import io.idflow.cli.CliContext;
import io.idflow.cli.CommandException;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.SafetyMixin;
import io.idflow.cli.Table;
import io.idflow.sync.SyncApply;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan-confirm-delete-report cycle of {@code tasks purge} and {@code workflow prune}: items in
 * use are skipped (unless forced) and named, the others deleted after confirmation, and the exit
 * code says when something was skipped ({@link ExitCode#REFUSED}) or failed ({@link
 * ExitCode#UNEXPECTED}). Not thread-safe.
 */
final class Deletions {

  /** Deletes one item in Conductor. */
  @FunctionalInterface
  interface Deleter {
    void delete(Item item);
  }

  /** One candidate for deletion. */
  static final class Item {
    final String label;
    final Map<String, Object> json;
    final String inUse;
    final boolean delete;
    String result;
    String error;

    /**
     * @param label how the item is printed
     * @param json identifying fields for the JSON document ({@code name}, {@code version})
     * @param inUse why it is in use (printed), or null when it is not
     * @param force whether in-use items are deleted anyway
     */
    Item(String label, Map<String, Object> json, String inUse, boolean force) {
      this(label, json, inUse, force, null);
    }

    /**
     * @param unaddressable why Conductor's API cannot address the item (a name with {@code /}), or
     *     null; such an item is never deleted, not even with {@code --force}
     */
    Item(
        String label, Map<String, Object> json, String inUse, boolean force, String unaddressable) {
      this.label = Printable.escape(label);
      this.json = json;
      this.inUse =
          unaddressable != null
              ? "cannot be deleted through Conductor's API: " + unaddressable
              : inUse;
      this.delete = unaddressable == null && (inUse == null || force);
      this.unaddressable = unaddressable != null;
    }

    final boolean unaddressable;
  }

  private final String noun;
  private final String plural;
  private final String jsonKey;
  private final List<Item> items = new ArrayList<>();

  Deletions(String noun, String plural, String jsonKey) {
    this.noun = noun;
    this.plural = plural;
    this.jsonKey = jsonKey;
  }

  void add(Item item) {
    items.add(item);
  }

  /**
   * Prints the plan (on {@code out}), asks, deletes and reports what was done (on {@code talk}).
   *
   * @param out stdout: the plan, or the JSON document
   * @param talk stderr unless {@code --quiet}: what was done and notes
   * @param nothing what to say when there is nothing to delete
   * @throws IdflowException {@link ExitCode#REFUSED} when something in use was skipped or the plan
   *     was not confirmed, {@link ExitCode#UNEXPECTED} when a deletion failed
   */
  void run(
      CliContext ctx,
      PrintWriter out,
      PrintWriter talk,
      SafetyMixin safety,
      OutputMixin output,
      String server,
      String nothing,
      Deleter deleter) {
    if (!output.json()) {
      printPlan(out, talk, nothing);
    }
    List<Item> deletable = items.stream().filter(i -> i.delete).toList();
    if (!safety.dryRun() && !deletable.isEmpty()) {
      safety.requireConfirmation(
          ctx,
          "Delete "
              + deletable.size()
              + " "
              + (deletable.size() == 1 ? noun : plural)
              + " from Conductor at "
              + server
              + "?");
      for (Item item : deletable) {
        try {
          deleter.delete(item);
          item.result = "deleted";
        } catch (ConductorClientException e) {
          item.result = "failed";
          item.error = SyncApply.describe(e);
        }
      }
    }
    report(out, talk, safety, output, server, !safety.dryRun() && !deletable.isEmpty());
  }

  private void printPlan(PrintWriter out, PrintWriter talk, String nothing) {
    if (items.isEmpty()) {
      talk.println(nothing);
      talk.flush();
      return;
    }
    out.println(capitalised(plural) + " to delete (" + items.size() + "):");
    Table t = new Table();
    for (Item i : items) {
      t.row(
          i.label,
          i.inUse == null
              ? ""
              : i.unaddressable
                  ? i.inUse + ": skipped (delete it on the server's database)"
                  : i.inUse
                      + (i.delete
                          ? ": deleted anyway (--force)"
                          : ": skipped (--force deletes it)"));
    }
    t.print(out, "  ");
    out.flush();
  }

  private void report(
      PrintWriter out,
      PrintWriter talk,
      SafetyMixin safety,
      OutputMixin output,
      String server,
      boolean applied) {
    long deleted = items.stream().filter(i -> "deleted".equals(i.result)).count();
    long failed = items.stream().filter(i -> "failed".equals(i.result)).count();
    long skipped = items.stream().filter(i -> !i.delete).count();
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("server", server);
      doc.put("dryRun", safety.dryRun());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Item i : items) {
        Map<String, Object> m = new LinkedHashMap<>(i.json);
        m.put("inUse", i.inUse);
        m.put("action", i.delete ? "delete" : "skip");
        m.put("result", i.result);
        m.put("error", i.error);
        rows.add(m);
      }
      doc.put(jsonKey, rows);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("deleted", deleted);
      summary.put("skipped", skipped);
      summary.put("failed", failed);
      doc.put("summary", summary);
      OutputMixin.printJson(out, doc);
    } else if (applied) {
      talk.println();
      Table t = new Table();
      for (Item i : items) {
        if (i.result != null) {
          t.row(i.result, i.label, i.error == null ? "" : i.error);
        }
      }
      t.print(talk, "  ");
      talk.println();
      talk.println(
          "Summary: "
              + deleted
              + " deleted, "
              + skipped
              + " in use (skipped), "
              + failed
              + " failed");
    } else if (safety.dryRun() && !items.isEmpty()) {
      talk.println();
      talk.println("Dry run: nothing was deleted.");
    }
    out.flush();
    talk.flush();
    if (failed > 0) {
      Item first = items.stream().filter(i -> i.error != null).findFirst().orElseThrow();
      throw new CommandException(
          ExitCode.UNEXPECTED,
          failed
              + " of "
              + (deleted + failed)
              + " deletions failed, first: "
              + first.label
              + ": "
              + first.error);
    }
    long unaddressable = items.stream().filter(i -> i.unaddressable).count();
    if (unaddressable > 0 && !safety.dryRun()) {
      throw IdflowException.refused(
          unaddressable
              + " "
              + (unaddressable == 1 ? noun + " has a name" : plural + " have names")
              + " that Conductor's API cannot address and "
              + (unaddressable == 1 ? "was" : "were")
              + " not deleted (see the plan)");
    }
    if (skipped > 0 && !safety.dryRun()) {
      throw IdflowException.refused(
          skipped
              + " "
              + (skipped == 1 ? noun + " is" : plural + " are")
              + " in use and "
              + (skipped == 1 ? "was" : "were")
              + " not deleted; --force deletes "
              + (skipped == 1 ? "it" : "them")
              + " anyway");
    }
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
