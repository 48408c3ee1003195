package io.idflow.conductor.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run of a workflow, with its tasks as a tree: a SUB_WORKFLOW task holds the run it started, a
 * FORK task its branches. Immutable.
 *
 * @param id the run's id (Conductor's workflow id)
 * @param name the workflow's name
 * @param version the workflow's version
 * @param status the run's status
 * @param correlationId the correlation id it was started with, or null
 * @param parentId the run that started it as a sub-workflow, or null
 * @param input the run's input
 * @param output the run's output (empty until it ends)
 * @param reason why it failed or was terminated, or null
 * @param started when it started, or null
 * @param ended when it ended, or null
 * @param tasks its top-level tasks in the order they were scheduled
 */
public record Run(
    String id,
    String name,
    int version,
    RunStatus status,
    String correlationId,
    String parentId,
    Map<String, Object> input,
    Map<String, Object> output,
    String reason,
    Instant started,
    Instant ended,
    List<RunTask> tasks) {

  /** Validates and copies the fields. */
  public Run {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    input = input == null ? Map.of() : copy(input);
    output = output == null ? Map.of() : copy(output);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  /** Every task of the tree, depth first: branches and sub-workflows after their parent task. */
  public List<RunTask> allTasks() {
    List<RunTask> all = new ArrayList<>();
    collect(tasks, all);
    return all;
  }

  private static void collect(List<RunTask> tasks, List<RunTask> into) {
    for (RunTask t : tasks) {
      into.add(t);
      for (List<RunTask> branch : t.branches()) {
        collect(branch, into);
      }
      if (t.subWorkflow() != null) {
        collect(t.subWorkflow().tasks(), into);
      }
    }
  }

  /**
   * The WAIT and HUMAN tasks in progress anywhere in the tree, each with the id of the run (this
   * one or a sub-workflow) it belongs to.
   */
  public List<WaitingTask> waitingTasks() {
    List<WaitingTask> found = new ArrayList<>();
    waiting(this, tasks, found);
    return found;
  }

  private static void waiting(Run run, List<RunTask> tasks, List<WaitingTask> into) {
    for (RunTask t : tasks) {
      if (t.isWaitingForSignal()) {
        into.add(new WaitingTask(run.id(), t));
      }
      for (List<RunTask> branch : t.branches()) {
        waiting(run, branch, into);
      }
      if (t.subWorkflow() != null) {
        waiting(t.subWorkflow(), t.subWorkflow().tasks(), into);
      }
    }
  }

  /**
   * A task that waits for a signal.
   *
   * @param runId the run (or sub-workflow) it belongs to
   * @param task the task
   */
  public record WaitingTask(String runId, RunTask task) {}

  static Map<String, Object> copy(Map<String, Object> m) {
    // Conductor's maps may hold nulls, which Map.copyOf refuses.
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
