package io.idflow.cli.worker;

import picocli.CommandLine.Command;

/** {@code idflow worker pause}. */
@Command(
    name = "pause",
    description = {
      "Pause polling for TASK (or for every worker) in the project's running runners, without a"
          + " restart. Tasks in flight finish; `idflow worker resume` polls again."
    })
public class WorkerPause extends PauseResumeCommand {
  @Override
  boolean pause() {
    return true;
  }
}
