package io.idflow.cli.worker;

import io.idflow.api.ExitCode;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.LocalWorkflow;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.definition.WorkflowTasks;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.StageUsage;
import io.idflow.cli.Table;
import io.idflow.conductor.task.DiscoveredTask;
import io.idflow.conductor.task.TaskCatalog;
import io.idflow.conductor.task.TaskDiscovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idflow worker list}. */
@Command(
    name = "list",
    aliases = "ls",
    description = {
      "List every worker idflow finds (task scripts in tasks/ and @WorkerTask methods on the class"
          + " path): task name, source, origin, and the local workflows (at any depth) and"
          + " active stages that need it."
    })
public class WorkerList extends IdflowCommand {

  @Mixin ProjectMixin project;
  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    Map<String, Set<String>> neededBy = neededBy(config());
    StageUsage stages = StageUsage.load(config());
    List<Map<String, Object>> rows = new ArrayList<>();
    try (TaskCatalog catalog =
        TaskDiscovery.builder(config()).progress(this::info).build().discover()) {
      for (DiscoveredTask t : catalog.tasks()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", t.name());
        row.put("source", t.source().location());
        row.put(
            "kind",
            t.source().kind() == io.idflow.conductor.task.TaskSource.Kind.SCRIPT
                ? "script"
                : "class");
        row.put("method", t.methodName());
        row.put("origin", t.source().origin().label());
        List<String> workflows = List.copyOf(neededBy.getOrDefault(t.name(), Set.of()));
        List<String> byStages = List.copyOf(stages.stagesNeedingTask(t.name()));
        row.put("needed", !workflows.isEmpty() || !byStages.isEmpty());
        Map<String, Object> by = new LinkedHashMap<>();
        by.put("workflows", workflows);
        by.put("stages", byStages);
        row.put("neededBy", by);
        rows.add(row);
      }
    }
    rows.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
    if (output.json()) {
      OutputMixin.printJson(out(), rows);
      return ExitCode.OK;
    }
    if (rows.isEmpty()) {
      info("no workers found: no @WorkerTask method in tasks/ or on the class path");
      return ExitCode.OK;
    }
    Table table = new Table("TASK", "STATUS", "ORIGIN", "SOURCE", "NEEDED BY");
    for (Map<String, Object> row : rows) {
      @SuppressWarnings("unchecked")
      Map<String, List<String>> by = (Map<String, List<String>>) row.get("neededBy");
      List<String> needs = new ArrayList<>(by.get("workflows"));
      if (!by.get("stages").isEmpty()) {
        needs.add("stages: " + String.join(", ", by.get("stages")));
      }
      table.row(
          row.get("name"),
          Boolean.TRUE.equals(row.get("needed")) ? "active" : "unused",
          row.get("origin"),
          row.get("source"),
          needs.isEmpty() ? "-" : String.join(", ", needs));
    }
    table.print(out(), "");
    return ExitCode.OK;
  }

  /** For each task name, the local workflows (name:version) that have it as a worker task. */
  static Map<String, Set<String>> neededBy(IdflowConfig config) {
    Map<String, Set<String>> needed = new TreeMap<>();
    WorkflowCatalog workflows = WorkflowCatalog.load(ResourceResolver.forConfig(config));
    for (LocalWorkflow wf : workflows.workflows()) {
      for (String name : WorkflowTasks.workerTaskNames(wf.definition())) {
        needed.computeIfAbsent(name, k -> new TreeSet<>()).add(wf.label());
      }
    }
    return needed;
  }
}
