package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Test helpers for one-task workflows on a real Conductor. */
public final class Conductor {

  private final MetadataClient metadata;
  private final WorkflowClient workflows;

  public Conductor(ConductorClient client) {
    this.metadata = new MetadataClient(client);
    this.workflows = new WorkflowClient(client);
  }

  /** Registers a task definition: no retries unless asked, the given response timeout. */
  public void registerTask(String name, int retryCount, int responseTimeoutSeconds) {
    TaskDef def = new TaskDef(name);
    def.setRetryCount(retryCount);
    def.setRetryDelaySeconds(0);
    def.setTimeoutSeconds(600);
    def.setResponseTimeoutSeconds(responseTimeoutSeconds);
    def.setOwnerEmail("it@idflow.io");
    metadata.registerTaskDefs(List.of(def));
  }

  /**
   * Starts an ephemeral workflow with one SIMPLE task of this type, whose input is {@code input}.
   */
  public String start(String taskType, Map<String, Object> input) {
    WorkflowTask simple = new WorkflowTask();
    simple.setName(taskType);
    simple.setTaskReferenceName("t");
    java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
    input.keySet().forEach(k -> params.put(k, "${workflow.input." + k + "}"));
    simple.setInputParameters(params);
    WorkflowDef def = new WorkflowDef();
    def.setName(taskType + "_wf");
    def.setOwnerEmail("it@idflow.io");
    def.setTasks(List.of(simple));
    def.setOutputParameters(Map.of("out", "${t.output}"));
    StartWorkflowRequest start = new StartWorkflowRequest();
    start.setName(def.getName());
    start.setWorkflowDef(def);
    start.setInput(input);
    return workflows.startWorkflow(start);
  }

  public Workflow get(String id) {
    return workflows.getWorkflow(id, true);
  }

  /** Waits (up to the timeout) until the workflow matches; returns its last state. */
  public Workflow await(String id, Duration timeout, Predicate<Workflow> until) {
    long end = System.nanoTime() + timeout.toNanos();
    Workflow wf = get(id);
    while (!until.test(wf) && System.nanoTime() < end) {
      sleep(50);
      wf = get(id);
    }
    return wf;
  }

  /** Waits until the workflow has ended. */
  public Workflow awaitEnd(String id, Duration timeout) {
    Workflow wf = await(id, timeout, w -> w.getStatus().isTerminal());
    assertThat(wf.getStatus().isTerminal())
        .as("workflow %s ended within %s (status %s)", id, timeout, wf.getStatus())
        .isTrue();
    return wf;
  }

  /** Asks the server to evaluate the workflow now (instead of at its next sweep). */
  public void decide(ConductorClient client, String id) {
    client.execute(
        com.netflix.conductor.client.http.ConductorClientRequest.builder()
            .method(com.netflix.conductor.client.http.ConductorClientRequest.Method.PUT)
            .path("/workflow/decide/{workflowId}")
            .addPathParam("workflowId", id)
            .build());
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
