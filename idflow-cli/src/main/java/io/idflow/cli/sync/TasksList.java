package io.idflow.cli.sync;

import io.idflow.api.ExitCode;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.StageUsage;
import io.idflow.cli.Table;
import io.idflow.sync.Definition;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.LocalDefinitions;
import io.idflow.sync.RemoteDefinitions;
import io.idflow.sync.SyncAction;
import io.idflow.sync.SyncPlan;
import io.idflow.sync.Usage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow tasks list}. */
@Command(
    name = "list",
    aliases = "ls",
    description = {
      "List task definitions: local ones (declared by task methods) and Conductor's, with the"
          + " state a sync would find (create, update, unchanged, remote-only); -l only the"
          + " local ones, -r only Conductor's.",
    })
public class TasksList extends DefinitionCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;
  @Mixin OutputMixin output;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static class Mode {
    @Option(
        names = {"-l", "--local"},
        description =
            "Only the local task definitions, with origin, source and whether a local workflow"
                + " or an active stage uses it (and which stages); Conductor is not contacted.")
    boolean local;

    @Option(
        names = {"-r", "--remote"},
        description = "Only Conductor's task definitions, with the workflows that use them.")
    boolean remote;

    @Option(
        names = {"-a", "--all"},
        description =
            "Local and Conductor's task definitions, with the state a sync would find (the"
                + " default).")
    boolean all;

    @Option(names = "--sync", description = "Counts and names: only local, only remote, both.")
    boolean sync;
  }

  @Override
  protected ExitCode execute() {
    LocalDefinitions local = local();
    warnProblems(local);
    if (mode.local) {
      listLocal(local);
    } else if (mode.remote) {
      listRemote(local, remote(EnumSet.of(DefinitionKind.TASK_DEF, DefinitionKind.WORKFLOW)));
    } else {
      RemoteDefinitions remote = remote(EnumSet.of(DefinitionKind.TASK_DEF));
      SyncPlan plan =
          SyncPlan.compute(local, remote, SyncPlan.Scope.of(DefinitionKind.TASK_DEF, null));
      if (mode.sync) {
        syncStatus(plan);
      } else {
        listBoth(plan);
      }
    }
    return ExitCode.OK;
  }

  private void warnProblems(LocalDefinitions local) {
    if (!local.tasksKnown()) {
      warn("task discovery failed, so no local tasks are listed:");
      local.taskProblems().forEach(p -> err().println("  " + p));
    }
  }

  private void listLocal(LocalDefinitions local) {
    StageUsage stages = StageUsage.load(config());
    Set<String> used = new TreeSet<>(local.tasksUsedByWorkflows());
    used.addAll(stages.tasks());
    if (output.json()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Definition d : local.taskDefs()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("origin", d.origin());
        m.put("used", used.contains(d.name()));
        m.put("source", d.source());
        m.put("stages", stages.stagesNeedingTask(d.name()));
        rows.add(m);
      }
      OutputMixin.printJson(out(), rows);
      return;
    }
    out().println("Local tasks:");
    Table t = new Table();
    for (Definition d : local.taskDefs()) {
      Set<String> by = stages.stagesNeedingTask(d.name());
      t.row(
          d.name(),
          d.origin().label(),
          used.contains(d.name()) ? "used" : "unused",
          d.source(),
          by.isEmpty() ? "" : "stages: " + String.join(", ", by));
    }
    printOrNone(t, "  No local tasks found");
  }

  private void listRemote(LocalDefinitions local, RemoteDefinitions remote) {
    Set<String> localNames = local.taskNames();
    Map<String, List<String>> usedBy = Usage.taskUsage(remote.workflows());
    if (output.json()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String name : remote.taskNames()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("local", localNames.contains(name));
        m.put("usedBy", usedBy.getOrDefault(name, List.of()));
        rows.add(m);
      }
      OutputMixin.printJson(out(), rows);
      return;
    }
    out().println("Tasks in Conductor:");
    Table t = new Table();
    for (String name : remote.taskNames()) {
      List<String> users = usedBy.getOrDefault(name, List.of());
      t.row(
          name,
          localNames.contains(name) ? "local" : "remote only",
          users.isEmpty() ? "unused" : "used by " + String.join(", ", users));
    }
    printOrNone(t, "  No tasks found in Conductor");
  }

  private void listBoth(SyncPlan plan) {
    if (output.json()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (SyncPlan.Change c : plan.changes()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("origin", c.local() == null ? null : c.local().origin());
        m.put("state", c.action());
        m.put("source", c.source());
        m.put("differences", c.differences());
        rows.add(m);
      }
      OutputMixin.printJson(out(), rows);
      return;
    }
    Table t = new Table("NAME", "ORIGIN", "STATE", "SOURCE");
    for (SyncPlan.Change c : plan.changes()) {
      t.row(
          c.name(),
          c.local() == null ? "-" : c.local().origin().label(),
          c.action().label(),
          c.source() == null ? "" : c.source());
    }
    if (plan.changes().isEmpty()) {
      info("No tasks found, neither locally nor in Conductor");
    } else {
      t.print(out(), "");
    }
  }

  private void syncStatus(SyncPlan plan) {
    Set<String> onlyLocal = new TreeSet<>();
    Set<String> onlyRemote = new TreeSet<>();
    Set<String> both = new TreeSet<>();
    Set<String> differing = new TreeSet<>();
    for (SyncPlan.Change c : plan.changes()) {
      switch (c.action()) {
        case CREATE -> onlyLocal.add(c.name());
        case REMOTE_ONLY -> onlyRemote.add(c.name());
        default -> {
          both.add(c.name());
          if (c.action() != SyncAction.UNCHANGED) {
            differing.add(c.name());
          }
        }
      }
    }
    if (output.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("local", onlyLocal.size() + both.size());
      m.put("remote", onlyRemote.size() + both.size());
      m.put("common", both.size());
      m.put("onlyLocal", onlyLocal);
      m.put("onlyRemote", onlyRemote);
      m.put("both", both);
      m.put("differing", differing);
      OutputMixin.printJson(out(), m);
      return;
    }
    out().println("Task synchronization status:");
    out().println("  Local tasks: " + (onlyLocal.size() + both.size()));
    out().println("  Tasks in Conductor: " + (onlyRemote.size() + both.size()));
    out().println("  In both: " + both.size() + " (" + differing.size() + " differ)");
    out().println("  Only local: " + onlyLocal.size());
    out().println("  Only in Conductor: " + onlyRemote.size());
    block("Only local (idflow tasks upload --all creates them):", onlyLocal, Set.of());
    block("Only in Conductor (idflow tasks purge --orphaned deletes them):", onlyRemote, Set.of());
    block("In both:", both, differing);
  }

  private void block(String heading, Set<String> names, Set<String> differing) {
    if (names.isEmpty()) {
      return;
    }
    out().println();
    out().println(heading);
    for (String n : names) {
      out().println("  " + n + (differing.contains(n) ? " (differs)" : ""));
    }
  }

  private void printOrNone(Table t, String none) {
    if (t.isEmpty()) {
      out().println(none);
    } else {
      t.print(out(), "  ");
    }
  }
}
