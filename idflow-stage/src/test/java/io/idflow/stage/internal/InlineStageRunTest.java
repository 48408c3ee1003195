package io.idflow.stage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.stage.StageLaunch;
import io.idflow.stage.StageRunState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InlineStageRunTest {

  private static WorkflowTask task(String ref, String type) {
    WorkflowTask t = new WorkflowTask();
    t.setName(ref);
    t.setTaskReferenceName(ref);
    t.setType(type);
    return t;
  }

  private static WorkflowDef research() {
    WorkflowDef def = new WorkflowDef();
    def.setName("research");
    def.setVersion(3);
    def.setSchemaVersion(2);
    def.setTimeoutSeconds(600);
    def.setTasks(new ArrayList<>(List.of(task("gather", "SIMPLE"), task("write", "SIMPLE"))));
    def.setOutputParameters(Map.of("doc", "${write.output.doc}"));
    return def;
  }

  /** The stage workflow (or a test kit's copy, with a suffix) whose run a folded run replaces. */
  private static WorkflowDef stageWorkflow(String suffix) {
    WorkflowDef def = new WorkflowDef();
    def.setName("stage_workflow" + suffix);
    def.setVersion(1);
    def.setFailureWorkflow("stage_workflow_failed" + suffix);
    WorkflowTask update = task("update_status", "SIMPLE");
    update.setName("update_stage_status" + suffix);
    def.setTasks(List.of(task("run", "FORK_JOIN_DYNAMIC"), task("join", "JOIN"), update));
    return def;
  }

  @Test
  void aTestKitsCopyOfTheStageWorkflowNamesTheFoldedRunItsTaskAndItsFailureWorkflow() {
    WorkflowDef def = InlineStageRun.fold(research(), stageWorkflow("_t1")).orElseThrow();
    assertThat(def.getName()).isEqualTo("stage_workflow_t1");
    assertThat(def.getFailureWorkflow()).isEqualTo("stage_workflow_failed_t1");
    assertThat(def.getTasks().get(2).getName()).isEqualTo("update_stage_status_t1");
  }

  @Test
  void theFoldedDefinitionIsTheWorkflowsTasksThenUpdateStageStatusWithItsOutput() {
    WorkflowDef def = InlineStageRun.fold(research(), stageWorkflow("")).orElseThrow();
    assertThat(def.getName()).isEqualTo("stage_workflow");
    assertThat(def.getFailureWorkflow()).isEqualTo("stage_workflow_failed");
    assertThat(def.getTimeoutSeconds()).isEqualTo(600);
    assertThat(def.getDescription()).contains("research v3");
    assertThat(def.getTasks())
        .extracting(WorkflowTask::getTaskReferenceName)
        .containsExactly("gather", "write", "idflow_update_stage_status");
    WorkflowTask update = def.getTasks().get(2);
    assertThat(update.getName()).isEqualTo("update_stage_status");
    assertThat(update.getInputParameters())
        .containsEntry("stageWorkflowId", "${workflow.workflowId}")
        .containsEntry("docId", "${workflow.input.docId}")
        .containsEntry("output", Map.of("doc", "${write.output.doc}"));
    // the run's output stays the workflow's
    assertThat(def.getOutputParameters()).isEqualTo(Map.of("doc", "${write.output.doc}"));
  }

  @Test
  void aWorkflowWithItsOwnFailureWorkflowOrTheReservedReferenceIsNotFolded() {
    WorkflowDef own = research();
    own.setFailureWorkflow("cleanup");
    assertThat(InlineStageRun.fold(own, stageWorkflow(""))).isEmpty();

    WorkflowDef clash = research();
    WorkflowTask fork = task("fork", "FORK_JOIN");
    fork.setForkTasks(List.of(List.of(task("idflow_update_stage_status", "SIMPLE"))));
    clash.getTasks().add(fork);
    assertThat(InlineStageRun.fold(clash, stageWorkflow(""))).isEmpty();
  }

  @Test
  void theRunsInputIsTheWorkflowsInputNamingTheFoldedWorkflow() {
    StageLaunch.Run run = new StageLaunch.Run("research", null, Map.of("topic", "AI"));
    StageLaunch launch =
        new StageLaunch("d1", "research", 2, List.of(run), List.of(), Map.of("title", "t"));
    Map<String, Object> input = InlineStageRun.input(launch, run, 3);
    assertThat(input)
        .containsEntry("topic", "AI")
        .containsEntry("docId", "d1")
        .containsEntry("stageName", "research")
        .containsEntry("stageCounter", 2)
        .containsEntry("doc", Map.of("title", "t"))
        .containsEntry("idflowStageWorkflow", Map.of("name", "research", "version", 3));
  }

  private static Workflow run(Workflow.WorkflowStatus status, Task... tasks) {
    Workflow w = new Workflow();
    w.setWorkflowDefinition(stageWorkflow(""));
    w.setWorkflowId("wf-1");
    w.setStatus(status);
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("docId", "d1");
    input.put("stageName", "research");
    input.put("stageCounter", 2);
    input.put("idflowStageWorkflow", Map.of("name", "research", "version", 3));
    w.setInput(input);
    w.setTasks(new ArrayList<>(List.of(tasks)));
    return w;
  }

  private static Task ran(String ref, Task.Status status, String reason) {
    Task t = new Task();
    t.setReferenceTaskName(ref);
    t.setStatus(status);
    t.setReasonForIncompletion(reason);
    return t;
  }

  @Test
  void whileTheWorkflowRunsNothingIsFinal() {
    Workflow w = run(Workflow.WorkflowStatus.RUNNING, ran("gather", Task.Status.IN_PROGRESS, null));
    assertThat(InlineStageRun.workflowName(w)).contains("research");
    StageRunState state = InlineStageRun.read(w, "research", w.getInput());
    assertThat(state.workflowsEnded()).isFalse();
    assertThat(state.results()).isEmpty();
    assertThat(state.failure()).isNull();
    assertThat(state.counter()).isEqualTo(2);
    assertThat(InlineStageRun.workflowStatus(w)).isEqualTo("IN_PROGRESS");
  }

  @Test
  void onceUpdateStageStatusIsScheduledItsInputOutputDocIsTheResult() {
    Task update = ran("idflow_update_stage_status", Task.Status.IN_PROGRESS, null);
    update.setInputData(Map.of("output", Map.of("doc", Map.of("title", "Found", "body", "notes"))));
    Workflow w =
        run(Workflow.WorkflowStatus.RUNNING, ran("write", Task.Status.COMPLETED, null), update);
    StageRunState state = InlineStageRun.read(w, "research", w.getInput());
    assertThat(state.workflowsEnded()).isTrue();
    assertThat(state.documentId()).isEqualTo("d1");
    assertThat(state.results().get("research").body()).isEqualTo("notes");
    assertThat(state.results().get("research").properties()).containsEntry("title", "Found");
    assertThat(InlineStageRun.workflowStatus(w)).isEqualTo("COMPLETED");
  }

  @Test
  void aFailedRunNamesTheWorkflowAndItsLastFailedTask() {
    Workflow w =
        run(
            Workflow.WorkflowStatus.FAILED,
            ran("gather", Task.Status.COMPLETED, null),
            ran("write", Task.Status.FAILED, "first try"),
            ran("write", Task.Status.FAILED, "kaboom"));
    w.setReasonForIncompletion("Task write failed");
    StageRunState state = InlineStageRun.read(w, "research", w.getInput());
    assertThat(state.workflowsEnded()).isTrue();
    assertThat(state.failure())
        .containsEntry("workflow", "research")
        .containsEntry("task", "write")
        .containsEntry("message", "kaboom")
        .containsEntry("status", "FAILED");
    assertThat(InlineStageRun.workflowStatus(w)).isEqualTo("FAILED");
  }

  @Test
  void aTerminatedRunNamesTheStageWorkflowAndTheReason() {
    Workflow w = run(Workflow.WorkflowStatus.TERMINATED, ran("gather", Task.Status.CANCELED, null));
    w.setReasonForIncompletion("stopped by an operator");
    StageRunState state = InlineStageRun.read(w, "research", w.getInput());
    assertThat(state.failure())
        .containsEntry("workflow", "stage_workflow")
        .containsEntry("message", "stopped by an operator")
        .doesNotContainKey("task");
  }
}
