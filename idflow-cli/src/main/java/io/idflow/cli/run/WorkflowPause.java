package io.idflow.cli.run;

import io.idflow.conductor.run.Runs;
import picocli.CommandLine.Command;

/** {@code idflow workflow pause}. */
@Command(
    name = "pause",
    description = {
      "Pause running runs: tasks in progress finish, no new ones are scheduled until 'workflow resume'.",
      "Prints each id it paused on stdout; a run in the wrong state is refused (exit 6)."
    })
public class WorkflowPause extends RunControl {

  @Override
  protected String done() {
    return "paused";
  }

  @Override
  protected void apply(Runs runs, String id) {
    runs.pause(id);
  }
}
