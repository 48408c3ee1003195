package io.idflow.conductor.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One task of a run, as a node of the run's tree.
 *
 * @param ref the task's reference name in the workflow (with {@code __N} for loop iterations)
 * @param name the task's name (its task definition, for SIMPLE tasks)
 * @param type the task type: SIMPLE, WAIT, HUMAN, SUB_WORKFLOW, FORK, JOIN, INLINE, ...
 * @param status Conductor's task status: SCHEDULED, IN_PROGRESS, COMPLETED, FAILED, ...
 * @param taskId Conductor's id of this attempt
 * @param worker the id of the worker that polled it, or null
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 * @param scheduled when it was scheduled, or null
 * @param started when a worker (or the server) started it, or null
 * @param ended when it ended, or null
 * @param reason why it failed, or null
 * @param input the task's input
 * @param output the task's output
 * @param subWorkflow the run a SUB_WORKFLOW task started, or null
 * @param branches the branches of a FORK task, each a list of tasks in order; empty otherwise
 */
public record RunTask(
    String ref,
    String name,
    String type,
    String status,
    String taskId,
    String worker,
    int attempt,
    Instant scheduled,
    Instant started,
    Instant ended,
    String reason,
    Map<String, Object> input,
    Map<String, Object> output,
    Run subWorkflow,
    List<List<RunTask>> branches) {

  /** Copies the collections. */
  public RunTask {
    input = input == null ? Map.of() : Run.copy(input);
    output = output == null ? Map.of() : Run.copy(output);
    branches = branches == null ? List.of() : branches.stream().map(List::copyOf).toList();
  }

  /** Whether the task waits for a signal from outside: a WAIT or HUMAN task in progress. */
  public boolean isWaitingForSignal() {
    return ("WAIT".equals(type) || "HUMAN".equals(type)) && "IN_PROGRESS".equals(status);
  }

  /** Whether the task has ended (completed, failed, skipped, cancelled, timed out). */
  public boolean isEnded() {
    return !("SCHEDULED".equals(status) || "IN_PROGRESS".equals(status));
  }
}
