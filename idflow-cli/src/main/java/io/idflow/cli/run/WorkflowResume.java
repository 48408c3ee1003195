package io.idflow.cli.run;

import io.idflow.conductor.run.Runs;
import picocli.CommandLine.Command;

/** {@code idflow workflow resume}. */
@Command(
    name = "resume",
    description = {
      "Resume paused runs.",
      "Prints each id it resumed on stdout; a run in the wrong state is refused (exit 6)."
    })
public class WorkflowResume extends RunControl {

  @Override
  protected String done() {
    return "resumed";
  }

  @Override
  protected void apply(Runs runs, String id) {
    runs.resume(id);
  }
}
