package io.idflow.cli.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.ExitCode;
import io.idflow.cli.CommandException;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import io.idflow.worker.internal.RunFile;
import io.idflow.worker.internal.RunFiles;
import io.idflow.worker.internal.RunnerControl;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What {@code worker pause} and {@code worker resume} share: they differ only in the verb. */
abstract class PauseResumeCommand extends IdflowCommand {

  @Mixin ProjectMixin project;

  @Parameters(arity = "0..1", paramLabel = "TASK", description = "The task type (default: all).")
  String task;

  /** True for pause, false for resume. */
  abstract boolean pause();

  @Override
  protected ExitCode execute() {
    boolean pause = pause();
    RunFiles files = new RunFiles(config().projectRoot());
    List<RunFile> targets = new ArrayList<>();
    for (RunFile run : Runners.live(files, err(), root().quiet())) {
      if (task == null || run.workers().contains(task)) {
        targets.add(run);
      }
    }
    if (targets.isEmpty()) {
      throw new CommandException(
          ExitCode.CONFIG,
          task == null
              ? "no runner is running in " + config().projectRoot()
              : "no running runner runs task type '" + task + "' (see `idflow worker ps`)");
    }
    RunnerControl control = new RunnerControl();
    for (RunFile run : targets) {
      JsonNode status = pause ? control.pause(run, task) : control.resume(run, task);
      List<String> now = new ArrayList<>();
      status
          .path("workers")
          .fields()
          .forEachRemaining(
              e -> {
                if ((task == null || task.equals(e.getKey()))
                    && e.getValue().path("paused").asBoolean() == pause) {
                  now.add(e.getKey());
                }
              });
      info(
          (pause ? "paused " : "resumed ")
              + String.join(", ", now)
              + " in "
              + Runners.describe(run));
    }
    return ExitCode.OK;
  }
}
