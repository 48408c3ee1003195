package io.idflow.cli.sync;

import io.idflow.api.ExitCode;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.SafetyMixin;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.SyncPlan;
import java.util.EnumSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idflow sync}. */
@Command(
    name = "sync",
    description = {
      "Make Conductor's definitions match the project's: plan, then apply.",
      "Compares every local task definition, workflow and event handler with Conductor, prints"
          + " the plan, and applies it: task definitions first, then workflows, then event"
          + " handlers.",
      "Unchanged definitions are skipped; a changed task definition or event handler is updated;"
          + " a workflow whose name and version exist in Conductor with other content is a"
          + " conflict, refused unless --force (bump its version instead). Nothing is deleted"
          + " (see 'workflow prune' and 'tasks purge').",
      "Exit codes: 5 invalid local definitions: workflows, task methods or stage definitions"
          + " (nothing is written; Conductor is not contacted for stage definitions), 6 a"
          + " conflict was refused or the plan was not confirmed."
    })
public class Sync extends DefinitionCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;
  @Mixin SafetyMixin safety;
  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    // Stages are not uploaded, but they name what is: a project whose stages do not load is not
    // one to sync.
    failOnProblems(
        StageCatalog.load(ResourceResolver.forConfig(config())).problems(),
        output.json(),
        "nothing was uploaded");
    return planAndApply(
        local -> {},
        SyncPlan.Scope.all(),
        EnumSet.allOf(DefinitionKind.class),
        safety,
        output,
        true);
  }
}
