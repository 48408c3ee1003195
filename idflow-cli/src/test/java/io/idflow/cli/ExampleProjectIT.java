package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.JBangRunner;
import io.idflow.testing.ModuleRepository;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk through {@code examples/greeting}, end to end through {@code
 * scripts/idflow.java}: sync builds the task scripts and uploads everything, a workflow version
 * changed in place is a conflict, workers started in the background complete a run, and stop. The
 * workflow and handler get names of this test's own; the task names are the example's.
 */
@ExtendWith(ConductorServerExtension.class)
class ExampleProjectIT {

  @TempDir Path project;

  @Test
  void syncConflictAndAWorkflowRunByDetachedWorkers(ConductorTestServer server) throws Exception {
    TestProjects.copyTree(ModuleRepository.projectRoot().resolve("examples/greeting"), project);
    String workflow = ConductorTestServer.uniqueName("greeting");
    Path wfFile = project.resolve("workflows/greeting/greeting.json");
    Files.writeString(
        wfFile,
        Files.readString(wfFile)
            .replace("\"name\": \"greeting\"", "\"name\": \"" + workflow + "\""));
    Path handlers = project.resolve("workflows/greeting/event_handlers.json");
    Files.writeString(
        handlers,
        Files.readString(handlers)
            .replace("greet_on_signup", workflow + "_on_signup")
            .replace("\"name\": \"greeting\"", "\"name\": \"" + workflow + "\""));
    String script = ModuleRepository.projectRoot().resolve("scripts/idflow.java").toString();
    JBangRunner idflow =
        new JBangRunner(project, "idflow-cli").env("IDFLOW_CONDUCTOR_URL", server.url());

    JBangRunner.Result sync = idflow.run(script, "sync", "--yes");
    assertThat(sync.exitCode()).as(sync.toString()).isZero();
    // The example's task names are fixed: an earlier run may have created them already.
    assertThat(sync.err())
        .containsPattern("created  workflow +" + workflow + " v1")
        .containsPattern("created  event handler +" + workflow + "_on_signup");
    IdflowConductorClient client = server.client();
    MetadataClient meta = new MetadataClient(client);
    assertThat(meta.getTaskDef("echo").getOutputKeys()).containsExactly("echo");
    assertThat(meta.getTaskDef("greet").getName()).isEqualTo("greet");

    Files.writeString(wfFile, Files.readString(wfFile).replace("Hello, ", "Hi, "));
    JBangRunner.Result conflict = idflow.run(script, "sync", "--yes");
    assertThat(conflict.exitCode()).as(conflict.toString()).isEqualTo(6);
    assertThat(conflict.out()).contains("conflict  " + workflow + " v1");

    JBangRunner.Result start = idflow.run(script, "worker", "start", "--all", "--detach");
    assertThat(start.exitCode()).as(start.toString()).isZero();
    try {
      WorkflowClient workflows = new WorkflowClient(client);
      StartWorkflowRequest req = new StartWorkflowRequest();
      req.setName(workflow);
      req.setVersion(1);
      req.setInput(Map.of("name", "Ada"));
      String id = workflows.startWorkflow(req);
      Workflow wf = workflows.getWorkflow(id, false);
      for (int i = 0; i < 300 && !wf.getStatus().isTerminal(); i++) {
        Thread.sleep(100);
        wf = workflows.getWorkflow(id, false);
      }
      assertThat(wf.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      // Conductor still has v1 as first synced: the conflict was refused.
      assertThat(wf.getOutput()).containsEntry("greeting", "Hello, Ada");
    } finally {
      client.shutdown();
      JBangRunner.Result stop = idflow.run(script, "worker", "stop", "--all");
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
    }
  }
}
