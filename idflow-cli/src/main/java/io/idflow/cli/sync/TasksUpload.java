package io.idflow.cli.sync;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.SafetyMixin;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.SyncPlan;
import java.util.EnumSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idflow tasks upload NAME|--all}. */
@Command(
    name = "upload",
    description = {
      "Upload the task definition of one task, or of every task, to Conductor: new ones are"
          + " created, changed ones updated, unchanged ones skipped.",
      "Task definitions come from @TaskDefinition next to @WorkerTask (defaults without it)."
    })
public class TasksUpload extends DefinitionCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;
  @Mixin SafetyMixin safety;
  @Mixin OutputMixin output;

  @ArgGroup(multiplicity = "1")
  Which which;

  static class Which {
    @Parameters(paramLabel = "NAME", description = "The task to upload.")
    String name;

    @Option(
        names = {"-a", "--all"},
        description = "Upload every local task definition.")
    boolean all;
  }

  @Override
  protected ExitCode execute() {
    return planAndApply(
        local -> {
          if (which.name != null
              && local.taskDefs().stream().noneMatch(d -> d.name().equals(which.name))) {
            throw IdflowException.usage(
                "no local task named '" + which.name + "' (see 'idflow tasks list --local')");
          }
        },
        SyncPlan.Scope.of(DefinitionKind.TASK_DEF, which.name),
        EnumSet.of(DefinitionKind.TASK_DEF),
        safety,
        output,
        false);
  }
}
