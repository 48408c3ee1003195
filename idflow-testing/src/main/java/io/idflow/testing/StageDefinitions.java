package io.idflow.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The stage engine's own definitions, for tests that run stages on a real Conductor without a
 * {@code sync}: the task definition of {@code update_stage_status} (quick retries) and the core
 * {@code stage_workflow} with its failure workflow {@code stage_workflow_failed}, as this
 * checkout's {@code workflows/} has them.
 */
public final class StageDefinitions {

  private StageDefinitions() {}

  /** The core {@code stage_workflow} of this checkout. */
  public static WorkflowDef stageWorkflow() {
    return core("stage_workflow");
  }

  /** The core {@code stage_workflow_failed} of this checkout: stage_workflow's failure workflow. */
  public static WorkflowDef stageWorkflowFailed() {
    return core("stage_workflow_failed");
  }

  private static WorkflowDef core(String name) {
    try {
      return new ObjectMapper()
          .readValue(
              ModuleRepository.projectRoot()
                  .resolve("workflows/" + name + "/" + name + ".json")
                  .toFile(),
              WorkflowDef.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Registers {@code update_stage_status}'s task definition (2 retries, 1 s apart). */
  public static void registerStageTask(MetadataClient meta) {
    TaskDef status = new TaskDef("update_stage_status");
    status.setRetryCount(2);
    status.setRetryDelaySeconds(1);
    status.setResponseTimeoutSeconds(60);
    status.setTimeoutSeconds(120);
    status.setOwnerEmail("idflow@example.com");
    meta.registerTaskDefs(List.of(status));
  }
}
