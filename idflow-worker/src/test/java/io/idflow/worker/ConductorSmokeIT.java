package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared harness gives this module a real Conductor: a task is polled and completed by hand.
 */
@ExtendWith(ConductorServerExtension.class)
class ConductorSmokeIT {

  @Test
  void aSimpleTaskIsPolledAndCompleted(ConductorTestServer server) throws InterruptedException {
    IdflowConductorClient client = server.client();
    try {
      MetadataClient meta = new MetadataClient(client);
      String task = ConductorTestServer.uniqueName("worker_it");
      meta.registerTaskDefs(List.of(new TaskDef(task)));

      WorkflowTask simple = new WorkflowTask();
      simple.setName(task);
      simple.setTaskReferenceName("t");
      simple.setInputParameters(Map.of("msg", "${workflow.input.msg}"));
      WorkflowDef def = new WorkflowDef();
      def.setName(task + "_wf");
      def.setOwnerEmail("it@idflow.io");
      def.setTasks(List.of(simple));
      StartWorkflowRequest start = new StartWorkflowRequest();
      start.setName(def.getName());
      start.setWorkflowDef(def); // ephemeral: nothing to clean up
      start.setInput(Map.of("msg", "hi"));
      WorkflowClient workflows = new WorkflowClient(client);
      String id = workflows.startWorkflow(start);

      TaskClient tasks = new TaskClient(client);
      Task polled = null;
      for (int i = 0; i < 50 && polled == null; i++) {
        List<Task> batch = tasks.batchPollTasksByTaskType(task, "smoke-it", 1, 100);
        polled = batch.isEmpty() ? null : batch.get(0);
      }
      assertThat(polled).isNotNull();
      assertThat(polled.getInputData()).containsEntry("msg", "hi");
      TaskResult result = new TaskResult(polled);
      result.setStatus(TaskResult.Status.COMPLETED);
      result.setOutputData(Map.of("echo", "hi"));
      tasks.updateTask(result);

      Workflow wf = workflows.getWorkflow(id, false);
      for (int i = 0; i < 50 && wf.getStatus() != Workflow.WorkflowStatus.COMPLETED; i++) {
        Thread.sleep(100);
        wf = workflows.getWorkflow(id, false);
      }
      assertThat(wf.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      assertThat(wf.getOutput()).containsEntry("echo", "hi");
      meta.unregisterTaskDef(task);
    } finally {
      client.shutdown();
    }
  }
}
