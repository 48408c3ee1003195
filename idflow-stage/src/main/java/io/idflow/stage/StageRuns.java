package io.idflow.stage;

import com.netflix.conductor.common.run.Workflow;
import io.idflow.stage.internal.ConductorStageLauncher;
import java.util.Map;

/** Reading a stage run as Conductor returns it, for front ends that follow one. */
public final class StageRuns {

  private StageRuns() {}

  /**
   * The status of each workflow of a stage run, by workflow name: for a stage of several workflows
   * each SUB_WORKFLOW task's status; for a folded run (one workflow run inline) that workflow's
   * ({@code IN_PROGRESS}, {@code COMPLETED}, or how the run ended).
   *
   * @param run the stage workflow's execution, read with its tasks
   */
  public static Map<String, String> workflowStatuses(Workflow run) {
    return ConductorStageLauncher.workflowStatuses(run);
  }
}
