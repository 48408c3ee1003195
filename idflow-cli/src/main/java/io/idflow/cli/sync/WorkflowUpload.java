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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow workflow upload [-w NAME]}. */
@Command(
    name = "upload",
    description = {
      "Upload local workflows (every version of one name with -w) to Conductor: new versions"
          + " are created, unchanged ones skipped. A version that exists in Conductor with other"
          + " content is a conflict: refused unless --force (bump the version instead).",
      "Exit codes: 5 invalid local definitions (nothing is written), 6 a conflict was refused."
    })
public class WorkflowUpload extends DefinitionCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;
  @Mixin SafetyMixin safety;
  @Mixin OutputMixin output;

  @Option(
      names = {"-w", "--workflow"},
      paramLabel = "NAME",
      description = "Only this workflow (every local version of it).")
  String name;

  @Override
  protected ExitCode execute() {
    // Task definitions too: a workflow may use tasks that only Conductor defines.
    return planAndApply(
        local -> {
          if (name != null && local.workflows().stream().noneMatch(w -> w.name().equals(name))) {
            throw IdflowException.usage(
                "no local workflow named '" + name + "' (see 'idflow workflow list')");
          }
        },
        SyncPlan.Scope.of(DefinitionKind.WORKFLOW, name),
        EnumSet.of(DefinitionKind.TASK_DEF, DefinitionKind.WORKFLOW),
        safety,
        output,
        false);
  }
}
