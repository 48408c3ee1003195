package io.idflow.testing;

import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import java.util.List;

/** Small Conductor definitions for tests. */
public final class TestDefinitions {

  private TestDefinitions() {}

  /** A workflow with one NOOP task (reference {@code noop_ref}) that completes at once. */
  public static WorkflowDef noopWorkflow(String name, int version) {
    WorkflowTask noop = new WorkflowTask();
    noop.setName("noop");
    noop.setTaskReferenceName("noop_ref");
    noop.setType("NOOP");
    WorkflowDef def = new WorkflowDef();
    def.setName(name);
    def.setVersion(version);
    def.setOwnerEmail("it@idflow.io");
    def.setTasks(List.of(noop));
    return def;
  }
}
