package io.idflow.conductor.run;

/**
 * The task a signal ended.
 *
 * @param runId the run (or sub-workflow) the task belongs to
 * @param ref the task's reference name
 * @param type WAIT or HUMAN
 * @param taskId Conductor's id of the task
 * @param status how the signal ended it
 */
public record SignalledTask(
    String runId, String ref, String type, String taskId, SignalStatus status) {}
