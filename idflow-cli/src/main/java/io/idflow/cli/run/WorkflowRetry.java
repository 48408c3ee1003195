package io.idflow.cli.run;

import io.idflow.conductor.run.Runs;
import picocli.CommandLine.Command;

/** {@code idflow workflow retry}. */
@Command(
    name = "retry",
    description = {
      "Retry runs that ended FAILED, TIMED_OUT or TERMINATED from their last failed task; each keeps its id.",
      "Prints each id it retried on stdout; a run in the wrong state is refused (exit 6)."
    })
public class WorkflowRetry extends RunControl {

  @Override
  protected String done() {
    return "retried";
  }

  @Override
  protected void apply(Runs runs, String id) {
    runs.retry(id);
  }
}
