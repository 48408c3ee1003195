package io.idflow.cli.sync;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.SafetyMixin;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.LocalDefinitions;
import io.idflow.sync.RemoteDefinitions;
import io.idflow.sync.Usage;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idflow tasks purge NAME|--orphaned}. */
@Command(
    name = "purge",
    description = {
      "Delete task definitions from Conductor: one by name, or every orphan (a task definition"
          + " no local task method declares).",
      "A task definition that a workflow in Conductor uses (at any depth: fork branches, switch"
          + " cases, loops) is in use: it is skipped and named unless --force; the others are"
          + " deleted. The plan is printed first and confirmed (or --yes).",
      "Exit codes: 6 when something in use was skipped or the plan was not confirmed."
    })
public class TasksPurge extends DefinitionCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;
  @Mixin SafetyMixin safety;
  @Mixin OutputMixin output;

  @ArgGroup(multiplicity = "1")
  Which which;

  static class Which {
    @Parameters(paramLabel = "NAME", description = "The task definition to delete.")
    String name;

    @Option(
        names = "--orphaned",
        description = "Every task definition in Conductor that no local task declares.")
    boolean orphaned;
  }

  @Override
  protected ExitCode execute() {
    RemoteDefinitions remote = remote(EnumSet.of(DefinitionKind.TASK_DEF, DefinitionKind.WORKFLOW));
    Set<String> candidates = new TreeSet<>();
    if (which.name != null) {
      if (!remote.taskNames().contains(which.name)) {
        throw IdflowException.usage(
            "Conductor at "
                + config().conductorUrl()
                + " has no task definition named '"
                + which.name
                + "'");
      }
      candidates.add(which.name);
    } else {
      LocalDefinitions local = local();
      if (!local.tasksKnown()) {
        failOnProblems(
            local.taskProblems(),
            output.json(),
            "without every local task, orphans cannot be told apart; nothing was deleted");
      }
      candidates.addAll(remote.taskNames());
      candidates.removeAll(local.taskNames());
    }
    Map<String, List<String>> usedBy = Usage.taskUsage(remote.workflows());
    Deletions deletions = new Deletions("task definition", "task definitions", "taskDefs");
    for (String name : candidates) {
      List<String> users = usedBy.getOrDefault(name, List.of());
      deletions.add(
          new Deletions.Item(
              name,
              Map.of("name", name),
              users.isEmpty() ? null : "in use by " + String.join(", ", users),
              safety.force(),
              io.idflow.api.definition.DefinitionNames.problem("task name", name)));
    }
    deletions.run(
        ctx(),
        out(),
        talk(),
        safety,
        output,
        config().conductorUrl(),
        which.orphaned
            ? "No orphaned task definitions: every task definition in Conductor is declared"
                + " locally."
            : "Nothing to delete.",
        item -> conductorDefinitions().deleteTaskDef(item.label));
    return ExitCode.OK;
  }
}
