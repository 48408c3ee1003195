package io.idflow.api.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Walks the tasks of a workflow definition (JSON) at every nesting depth: the top-level {@code
 * tasks}, fork branches ({@code forkTasks}), switch and decision cases ({@code decisionCases},
 * {@code defaultCase}) and loops ({@code loopOver}). Works on local files and on definitions read
 * from Conductor alike. Stateless and thread-safe.
 */
public final class WorkflowTasks {

  /** Receives each task with its JSON path, e.g. {@code $.tasks[1].forkTasks[0][2]}. */
  @FunctionalInterface
  public interface Visitor {
    /** Called once per task object, parents before their children. */
    void visit(String path, JsonNode task);
  }

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private WorkflowTasks() {}

  /**
   * Visits every task of the workflow, at any depth, in document order. Tasks of an inline
   * sub-workflow ({@code subWorkflowParam.workflowDefinition}) are a workflow of their own and are
   * not visited; see {@link #walkAll}.
   *
   * @param workflow the workflow definition (its {@code tasks} array is walked)
   * @param root the JSON path of {@code workflow}, normally {@code $}
   */
  public static void walk(JsonNode workflow, String root, Visitor visitor) {
    walkList(workflow.path("tasks"), root + ".tasks", visitor, false);
  }

  /** Like {@link #walk}, but also visits the tasks of inline sub-workflows, at any depth. */
  public static void walkAll(JsonNode workflow, String root, Visitor visitor) {
    walkList(workflow.path("tasks"), root + ".tasks", visitor, true);
  }

  /** The {@code name} of every task at any depth, inline sub-workflows included, sorted. */
  public static Set<String> taskNames(JsonNode workflow) {
    Set<String> names = new TreeSet<>();
    walkAll(
        workflow,
        "$",
        (path, task) -> {
          String name = task.path("name").asText("");
          if (!name.isBlank()) {
            names.add(name);
          }
        });
    return names;
  }

  /** The {@code name} of every worker task ({@link #isSimple}) at any depth, sorted. */
  public static Set<String> workerTaskNames(JsonNode workflow) {
    Set<String> names = new TreeSet<>();
    walkAll(
        workflow,
        "$",
        (path, task) -> {
          String name = task.path("name").asText("");
          if (!name.isBlank() && isSimple(task)) {
            names.add(name);
          }
        });
    return names;
  }

  /**
   * Reports each worker task at any depth whose {@code name} is not known and that carries no
   * inline {@code taskDefinition}.
   *
   * @param knownTask whether a task name is known
   * @param unknown receives the JSON path of the task's {@code name} and the name
   */
  public static void unknownWorkerTasks(
      JsonNode workflow, Predicate<String> knownTask, BiConsumer<String, String> unknown) {
    walkAll(
        workflow,
        "$",
        (path, task) -> {
          String name = task.path("name").asText("");
          if (isSimple(task) && !task.path("taskDefinition").isObject() && !knownTask.test(name)) {
            unknown.accept(path + ".name", name);
          }
        });
  }

  /** Whether the task is a worker task: type {@code SIMPLE}, or no type at all. */
  public static boolean isSimple(JsonNode task) {
    String type = task.path("type").asText("");
    return type.isEmpty() || type.equals("SIMPLE");
  }

  private static void walkList(JsonNode list, String path, Visitor visitor, boolean inline) {
    if (!list.isArray()) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      walkTask(list.get(i), path + "[" + i + "]", visitor, inline);
    }
  }

  private static void walkTask(JsonNode task, String path, Visitor visitor, boolean inline) {
    visitor.visit(path, task);
    if (!task.isObject()) {
      return;
    }
    JsonNode fork = task.path("forkTasks");
    if (fork.isArray()) {
      for (int b = 0; b < fork.size(); b++) {
        walkList(fork.get(b), path + ".forkTasks[" + b + "]", visitor, inline);
      }
    }
    JsonNode cases = task.path("decisionCases");
    if (cases.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = cases.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        walkList(e.getValue(), path + ".decisionCases" + key(e.getKey()), visitor, inline);
      }
    }
    walkList(task.path("defaultCase"), path + ".defaultCase", visitor, inline);
    walkList(task.path("loopOver"), path + ".loopOver", visitor, inline);
    JsonNode sub = task.path("subWorkflowParam").path("workflowDefinition");
    if (inline && sub.isObject()) {
      walkList(
          sub.path("tasks"), path + ".subWorkflowParam.workflowDefinition.tasks", visitor, true);
    }
  }

  /** A JSON path member: {@code .name}, or {@code ['odd name']} when not an identifier. */
  static String key(String name) {
    return PLAIN_KEY.matcher(name).matches()
        ? "." + name
        : "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }
}
