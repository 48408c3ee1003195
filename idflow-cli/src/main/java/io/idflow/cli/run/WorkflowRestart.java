package io.idflow.cli.run;

import io.idflow.conductor.run.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idflow workflow restart}. */
@Command(
    name = "restart",
    description = {
      "Restart ended runs from their first task with their original input; each keeps its id.",
      "Prints each id it restarted on stdout; a run that has not ended is refused (exit 6)."
    })
public class WorkflowRestart extends RunControl {

  @Option(
      names = "--use-latest",
      description = "Run the workflow's latest version instead of the run's own.")
  boolean useLatest;

  @Override
  protected String done() {
    return "restarted";
  }

  @Override
  protected void apply(Runs runs, String id) {
    runs.restart(id, useLatest);
  }
}
