package io.idflow.cli.worker;

import picocli.CommandLine.Command;

/** {@code idflow worker resume}. */
@Command(
    name = "resume",
    description = {
      "Resume polling for TASK (or for every worker) in the project's running runners."
    })
public class WorkerResume extends PauseResumeCommand {
  @Override
  boolean pause() {
    return false;
  }
}
