package io.idflow.stage.internal;

import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.api.document.StageResult;
import io.idflow.stage.StageLaunch;
import io.idflow.stage.StageRunState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stage run of exactly one workflow, folded into one Conductor execution: the workflow's own
 * tasks followed by {@code update_stage_status}, started as an inline definition named {@code
 * stage_workflow} (or the copy a test kit configures). The general shape (a dynamic fork of
 * sub-workflows, a join, then {@code update_stage_status}) costs two executions and Conductor's
 * hand-offs between them (fork, sub- workflow start, sub-workflow end, join): about two thirds of a
 * trivial stage's time. A folded run keeps what the stage engine relies on: the correlation id, the
 * failure workflow {@code stage_workflow_failed}, the instance in the input ({@code docId}, {@code
 * stageName}, {@code stageCounter}), and the workflow's output {@code doc}, which {@code
 * update_stage_status} receives as its input {@code output} (evaluated like the workflow's own
 * output parameters, after its last task). The run's input is the workflow's input (the stage's
 * {@code inputs}, the instance and the document) plus {@link #WORKFLOW}, which names the folded
 * workflow.
 *
 * <p>A workflow is not folded when it has a failure workflow of its own, or a task uses the
 * reference {@link #UPDATE_REF}; such a stage runs in the general shape.
 */
final class InlineStageRun {

  /** Input key of a folded run: the folded workflow's name and version. */
  static final String WORKFLOW = "idflowStageWorkflow";

  /** Reference of the {@code update_stage_status} task appended to the workflow's tasks. */
  static final String UPDATE_REF = "idflow_update_stage_status";

  private InlineStageRun() {}

  /**
   * Folds the workflow into a stage run definition: it changes {@code def} (a copy the caller
   * fetched for this run) and returns it, or empty when the workflow cannot be folded.
   *
   * @param stageWorkflow the stage workflow whose run this replaces: the folded run takes its name,
   *     its failure workflow, and the name of its task {@code update_status} (a test kit runs
   *     copies of all three under names of its own)
   */
  static Optional<WorkflowDef> fold(WorkflowDef def, WorkflowDef stageWorkflow) {
    if (def.getFailureWorkflow() != null && !def.getFailureWorkflow().isBlank()) {
      return Optional.empty();
    }
    if (def.collectTasks().stream().anyMatch(t -> UPDATE_REF.equals(t.getTaskReferenceName()))) {
      return Optional.empty();
    }
    String name = def.getName();
    int version = def.getVersion();
    WorkflowTask update = new WorkflowTask();
    update.setName(updateTaskName(stageWorkflow));
    update.setTaskReferenceName(UPDATE_REF);
    update.setType("SIMPLE");
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("docId", "${workflow.input.docId}");
    in.put("stageName", "${workflow.input.stageName}");
    in.put("stageCounter", "${workflow.input.stageCounter}");
    in.put("stageWorkflowId", "${workflow.workflowId}");
    in.put(
        "output",
        def.getOutputParameters() == null
            ? Map.of()
            : new LinkedHashMap<>(def.getOutputParameters()));
    update.setInputParameters(in);
    List<WorkflowTask> tasks = new ArrayList<>(def.getTasks());
    tasks.add(update);
    def.setTasks(tasks);
    def.setName(stageWorkflow.getName());
    def.setVersion(stageWorkflow.getVersion());
    def.setDescription(
        "idflow: a stage run of "
            + name
            + " v"
            + version
            + " in one execution (its tasks, then update_stage_status)");
    def.setFailureWorkflow(stageWorkflow.getFailureWorkflow());
    def.setRestartable(true);
    def.setSchemaVersion(2);
    return Optional.of(def);
  }

  /** The name of the stage workflow's task {@code update_status}: update_stage_status or a copy. */
  private static String updateTaskName(WorkflowDef stageWorkflow) {
    return stageWorkflow.collectTasks().stream()
        .filter(t -> "update_status".equals(t.getTaskReferenceName()))
        .map(WorkflowTask::getName)
        .findFirst()
        .orElse("update_stage_status");
  }

  /** The input of a folded run of {@code run}, the launch's only workflow. */
  static Map<String, Object> input(StageLaunch launch, StageLaunch.Run run, int version) {
    Map<String, Object> input = new LinkedHashMap<>(launch.workflowInput(run));
    input.put(WORKFLOW, Map.of("name", run.name(), "version", version));
    return input;
  }

  /** The folded workflow's name, when the run is a folded stage run. */
  static Optional<String> workflowName(Workflow run) {
    Object marker = run.getInput() == null ? null : run.getInput().get(WORKFLOW);
    if (marker instanceof Map<?, ?> m && m.get("name") != null) {
      return Optional.of(m.get("name").toString());
    }
    return Optional.empty();
  }

  /** The {@code update_stage_status} task of a folded run, once Conductor scheduled it. */
  private static Optional<Task> update(Workflow run) {
    Task found = null;
    for (Task t : run.getTasks()) {
      if (UPDATE_REF.equals(t.getReferenceTaskName())) {
        found = t;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The folded workflow's status, as the general shape reports its SUB_WORKFLOW task: {@code
   * COMPLETED} once its tasks are done, the run's status when the run ended before that, {@code
   * IN_PROGRESS} meanwhile.
   */
  static String workflowStatus(Workflow run) {
    if (update(run).isPresent()) {
      return "COMPLETED";
    }
    return run.getStatus().isTerminal() ? run.getStatus().name() : "IN_PROGRESS";
  }

  /** Reads a folded run as the engine sees a stage run. */
  static StageRunState read(Workflow run, String workflow, Map<String, Object> input) {
    Optional<Task> update = update(run);
    Map<String, StageResult> results = new LinkedHashMap<>();
    if (update.isPresent() && update.get().getInputData() != null) {
      Object output = update.get().getInputData().get("output");
      if (output instanceof Map<?, ?> m && m.get("doc") != null) {
        results.put(workflow, StageRunState.result(m.get("doc")));
      }
    }
    Map<String, Object> failure = null;
    if (run.getStatus().isTerminal() && !run.getStatus().isSuccessful()) {
      failure = failure(run, workflow);
    }
    return new StageRunState(
        run.getWorkflowId(),
        run.getStatus().name(),
        ConductorStageLauncher.text(input.get("docId")),
        ConductorStageLauncher.text(input.get("stageName")),
        ConductorStageLauncher.counter(input.get("stageCounter")),
        results,
        failure,
        update.isPresent() || run.getStatus().isTerminal());
  }

  /**
   * Why a folded run ended without success: the last of the workflow's tasks that failed (its
   * retries are earlier attempts), named by the workflow; else the run's own reason, named by the
   * stage workflow (an operator's terminate cancels the tasks).
   */
  private static Map<String, Object> failure(Workflow run, String workflow) {
    Task failed = null;
    for (Task t : run.getTasks()) {
      Task.Status s = t.getStatus();
      if (s.isTerminal() && !s.isSuccessful() && s != Task.Status.CANCELED) {
        failed = t;
      }
    }
    Map<String, Object> f = new LinkedHashMap<>();
    String message;
    if (failed != null && !UPDATE_REF.equals(failed.getReferenceTaskName())) {
      f.put("workflow", workflow);
      f.put("task", failed.getReferenceTaskName());
      message = failed.getReasonForIncompletion();
      if (message == null || message.isBlank()) {
        message = failed.getStatus().name();
      }
    } else {
      f.put(
          "workflow",
          run.getWorkflowDefinition() == null
              ? StageLaunch.STAGE_WORKFLOW
              : run.getWorkflowDefinition().getName());
      message = run.getReasonForIncompletion();
      if (message == null || message.isBlank()) {
        message = "the stage run ended " + run.getStatus().name();
      }
    }
    f.put("message", message.strip());
    f.put("status", run.getStatus().name());
    return f;
  }
}
