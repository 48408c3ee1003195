package io.idflow.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.definition.InvalidDefinitionsException;
import io.idflow.api.definition.LocalEventHandler;
import io.idflow.api.definition.LocalWorkflow;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.definition.WorkflowTasks;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.conductor.task.DiscoveredTask;
import io.idflow.conductor.task.TaskCatalog;
import io.idflow.conductor.task.TaskDefinitions;
import io.idflow.conductor.task.TaskDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The local side of a sync: the task definitions of every discovered task method, the workflows and
 * the event handlers of the project and the core library, and what is wrong with them.
 *
 * @param taskDefs one per task, sorted by name
 * @param workflows sorted by name and version
 * @param eventHandlers sorted by name
 * @param taskProblems problems of the task methods and scripts (discovery failed when not empty:
 *     then {@code taskDefs} is empty)
 * @param workflowProblems problems of the workflow and event-handler files
 */
public record LocalDefinitions(
    List<Definition> taskDefs,
    List<Definition> workflows,
    List<Definition> eventHandlers,
    List<DefinitionProblem> taskProblems,
    List<DefinitionProblem> workflowProblems) {

  /** Copies the lists. */
  public LocalDefinitions {
    taskDefs = List.copyOf(taskDefs);
    workflows = List.copyOf(workflows);
    eventHandlers = List.copyOf(eventHandlers);
    taskProblems = List.copyOf(taskProblems);
    workflowProblems = List.copyOf(workflowProblems);
  }

  /**
   * Discovers the tasks (which may build task scripts with JBang) and reads the workflow folders.
   *
   * @param progress receives a line before each JBang build
   */
  public static LocalDefinitions read(IdflowConfig config, Consumer<String> progress) {
    List<Definition> taskDefs = new ArrayList<>();
    List<DefinitionProblem> taskProblems = new ArrayList<>();
    try (TaskCatalog tasks = TaskDiscovery.builder(config).progress(progress).build().discover()) {
      for (DiscoveredTask t : tasks.tasks()) {
        taskDefs.add(taskDef(t));
      }
    } catch (InvalidDefinitionsException e) {
      taskProblems.addAll(e.problems());
    }
    WorkflowCatalog catalog = WorkflowCatalog.load(ResourceResolver.forConfig(config));
    return of(taskDefs, taskProblems, catalog);
  }

  /** The local definitions from discovered task definitions and a workflow catalog. */
  public static LocalDefinitions of(
      List<Definition> taskDefs, List<DefinitionProblem> taskProblems, WorkflowCatalog catalog) {
    List<Definition> workflows = new ArrayList<>();
    for (LocalWorkflow w : catalog.workflows()) {
      ObjectNode json = w.definition();
      // The version is the identity; send it even where the file relies on the default.
      json.put("version", w.version());
      workflows.add(
          new Definition(
              DefinitionKind.WORKFLOW,
              w.name(),
              w.version(),
              json,
              w.source().displayName(),
              w.origin()));
    }
    List<Definition> handlers = new ArrayList<>();
    for (LocalEventHandler h : catalog.eventHandlers()) {
      handlers.add(
          new Definition(
              DefinitionKind.EVENT_HANDLER,
              h.name(),
              null,
              h.definition(),
              h.source().displayName(),
              h.origin()));
    }
    return new LocalDefinitions(
        taskDefs, workflows, handlers, taskProblems, new ArrayList<>(catalog.problems()));
  }

  /** A discovered task's definition as Conductor's JSON. */
  public static Definition taskDef(DiscoveredTask task) {
    ObjectNode json = TaskDefinitions.toJson(task.taskDef());
    return new Definition(
        DefinitionKind.TASK_DEF,
        task.name(),
        null,
        json,
        task.source().location(),
        task.source().origin());
  }

  /** The definitions of one kind. */
  public List<Definition> of(DefinitionKind kind) {
    return switch (kind) {
      case TASK_DEF -> taskDefs;
      case WORKFLOW -> workflows;
      case EVENT_HANDLER -> eventHandlers;
    };
  }

  /** Whether task discovery succeeded, so the local task names are complete. */
  public boolean tasksKnown() {
    return taskProblems.isEmpty();
  }

  /** The names of the local task definitions, sorted. */
  public Set<String> taskNames() {
    Set<String> names = new TreeSet<>();
    taskDefs.forEach(d -> names.add(d.name()));
    return names;
  }

  /** The names of every task a local workflow uses, at any depth, sorted. */
  public Set<String> tasksUsedByWorkflows() {
    Set<String> names = new TreeSet<>();
    workflows.forEach(w -> names.addAll(WorkflowTasks.taskNames(w.jsonView())));
    return names;
  }
}
