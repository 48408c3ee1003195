package io.idflow.cli.run;

import io.idflow.cli.SafetyMixin;
import io.idflow.cli.Table;
import io.idflow.conductor.run.Run;
import io.idflow.conductor.run.Runs;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow workflow terminate}. */
@Command(
    name = "terminate",
    description = {
      "Terminate runs that have not ended: their tasks in progress are cancelled and they end"
          + " TERMINATED.",
      "Prints the runs it would terminate, asks unless --yes (--dry-run: only prints), then"
          + " prints each id it terminated on stdout. A run that has ended is refused (exit 6)."
    })
public class WorkflowTerminate extends RunControl {

  @Mixin SafetyMixin safety;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Recorded as the runs' reason (default: terminated with idflow).")
  String reason;

  @Override
  protected boolean before() {
    PrintWriter out = out();
    Table t = new Table();
    for (String id : ids) {
      try {
        Run r = runs().get(id);
        t.row(id, r.name() + " v" + r.version(), r.status().name());
      } catch (io.idflow.api.IdflowException e) {
        t.row(id, "", e.getMessage());
      }
    }
    talk().println("Runs to terminate:");
    t.print(talk(), "  ");
    talk().flush();
    if (safety.dryRun()) {
      info("Dry run: nothing was terminated.");
      out.flush();
      return false;
    }
    safety.requireConfirmation(
        ctx(), "Terminate " + ids.size() + (ids.size() == 1 ? " run" : " runs") + "?");
    return true;
  }

  @Override
  protected String done() {
    return "terminated";
  }

  @Override
  protected void apply(Runs runs, String id) {
    runs.terminate(id, reason == null ? "terminated with idflow" : reason);
  }
}
