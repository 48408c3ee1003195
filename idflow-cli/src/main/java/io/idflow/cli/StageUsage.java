package io.idflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.LocalWorkflow;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.definition.WorkflowTasks;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.api.stage.StageDefinition;
import io.idflow.api.stage.StageWorkflow;
import io.idflow.stage.StageLaunch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the active stage definitions use, for the listings that say what is used or needed ({@code
 * workflow list}, {@code worker list}, {@code tasks list --local}).
 *
 * <p>A stage uses {@code stage_workflow} (which runs every stage) and its failure workflow {@code
 * stage_workflow_failed}, the workflows it names, and the workflows those start as sub-workflows,
 * at any depth. It needs every task of those workflows (the local version it names, else the
 * latest), and the tasks its {@code requirements.tasks} names. {@code no_eval} stages count: they
 * declare what a project needs even though they never start. Immutable.
 */
public final class StageUsage {

  private final Map<String, SortedSet<String>> workflows = new TreeMap<>();
  private final Map<String, SortedSet<String>> tasks = new TreeMap<>();
  private final List<String> missing = new ArrayList<>();

  private StageUsage(StageCatalog stages, WorkflowCatalog local) {
    for (StageDefinition stage : stages.active()) {
      Deque<Ref> todo = new ArrayDeque<>();
      todo.add(new Ref(StageLaunch.STAGE_WORKFLOW, null));
      todo.add(new Ref(StageLaunch.STAGE_WORKFLOW_FAILED, null));
      for (StageWorkflow w : stage.workflows()) {
        todo.add(new Ref(w.name(), w.version()));
      }
      Set<String> seen = new HashSet<>();
      while (!todo.isEmpty()) {
        Ref ref = todo.poll();
        if (!seen.add(ref.name())) {
          continue;
        }
        add(workflows, ref.name(), stage.name());
        Optional<LocalWorkflow> def = find(local, ref);
        if (def.isEmpty()) {
          missing.add(
              "stage "
                  + stage.name()
                  + " uses workflow "
                  + ref.name()
                  + (ref.version() == null ? "" : " v" + ref.version())
                  + ", which no local workflow file defines");
          continue;
        }
        JsonNode json = def.get().definition();
        WorkflowTasks.taskNames(json).forEach(t -> add(tasks, t, stage.name()));
        WorkflowTasks.walkAll(
            json,
            "$",
            (path, task) -> {
              String sub = task.path("subWorkflowParam").path("name").asText("");
              if ("SUB_WORKFLOW".equals(task.path("type").asText()) && !sub.isBlank()) {
                JsonNode version = task.path("subWorkflowParam").path("version");
                todo.add(new Ref(sub, version.isInt() ? version.asInt() : null));
              }
            });
      }
      stage.requirements().tasks().forEach(t -> add(tasks, t, stage.name()));
    }
  }

  private record Ref(String name, Integer version) {}

  private static Optional<LocalWorkflow> find(WorkflowCatalog local, Ref ref) {
    if (ref.version() != null) {
      return local.workflow(ref.name(), ref.version());
    }
    List<LocalWorkflow> all = local.versions(ref.name());
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  private static void add(Map<String, SortedSet<String>> map, String key, String stage) {
    map.computeIfAbsent(key, k -> new TreeSet<>()).add(stage);
  }

  /** What the active stages of these definitions use of these local workflows. */
  public static StageUsage of(StageCatalog stages, WorkflowCatalog local) {
    return new StageUsage(stages, local);
  }

  /** What the project's active stages use (its stage definitions and local workflows). */
  public static StageUsage load(IdflowConfig config) {
    ResourceResolver resolver = ResourceResolver.forConfig(config);
    return of(StageCatalog.load(resolver), WorkflowCatalog.load(resolver));
  }

  /** The active stages that use a workflow, sorted; empty when none. */
  public SortedSet<String> stagesUsingWorkflow(String workflow) {
    return Collections.unmodifiableSortedSet(workflows.getOrDefault(workflow, new TreeSet<>()));
  }

  /** The active stages that need a task, sorted; empty when none. */
  public SortedSet<String> stagesNeedingTask(String task) {
    return Collections.unmodifiableSortedSet(tasks.getOrDefault(task, new TreeSet<>()));
  }

  /** The task names some active stage needs, sorted. */
  public Set<String> tasks() {
    return Collections.unmodifiableSet(tasks.keySet());
  }

  /**
   * One line per workflow an active stage uses that has no local file (or not the version named),
   * e.g. {@code stage draft uses workflow generate_blog_post, which no local workflow file
   * defines}.
   */
  public List<String> missingWorkflows() {
    return Collections.unmodifiableList(missing);
  }
}
