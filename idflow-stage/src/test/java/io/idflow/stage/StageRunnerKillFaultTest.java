package io.idflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.ConductorClientRequest;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.StageDefinitions;
import io.idflow.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a runner process in the middle of a stage: the task it held is delivered again
 * (its response time-out is 5 s) to a new runner process, the stage still ends {@code done}, and
 * its result is written once.
 */
@Tag("fault")
@ExtendWith(ConductorServerExtension.class)
class StageRunnerKillFaultTest {

  private static final Duration WAIT = Duration.ofMinutes(3);

  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();
  private IdflowConductorClient client;

  @AfterEach
  void tearDown() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    if (client != null) {
      client.shutdown();
    }
  }

  @Test
  void aStageWhoseRunnerIsKilledMidTaskEndsDoneWithItsResultWrittenOnce(ConductorTestServer server)
      throws Exception {
    client = server.client();
    String gate = ConductorTestServer.uniqueName("gate");
    String workflow = gate + "_wf";
    MetadataClient meta = new MetadataClient(client);
    StageDefinitions.registerStageTask(meta);
    TaskDef def = new TaskDef(gate);
    def.setRetryCount(3); // a loaded machine may miss a time-out again
    def.setRetryDelaySeconds(0);
    def.setResponseTimeoutSeconds(5);
    def.setTimeoutSeconds(600);
    def.setOwnerEmail("idflow@example.com");
    meta.registerTaskDefs(List.of(def));
    meta.updateWorkflowDefs(
        List.of(
            StageDefinitions.stageWorkflow(),
            StageDefinitions.stageWorkflowFailed(),
            gateWorkflow(workflow, gate)));

    Path project = dir.resolve("project");
    Path signals = Files.createDirectories(dir.resolve("signals"));
    write(
        project.resolve("config/idflow.yml"),
        "base_dir: data\nconductor:\n  server_url: " + server.url() + "\n");
    write(
        project.resolve("stages/gated.yml"),
        """
        name: gated
        workflows:
          - name: %s
            inputs: {dir: "%s"}
        """
            .formatted(workflow, signals));

    Process first = runner(project, gate, "first");
    try (DocumentStore store =
        DocumentStores.open(new ConfigLoader().env(Map.of()).workingDir(project).load())) {
      Document doc = store.create(Document.create().put("title", "killed mid-stage"));
      Path calls = signals.resolve("calls");
      await("the first runner took the task", () -> read(calls).contains("started " + first.pid()));
      StageInstance active = store.get(doc.id()).stage("gated", 1).orElseThrow();
      assertThat(active.status()).isEqualTo(StageStatus.ACTIVE);
      String runId = active.get(StageEngine.WORKFLOW_ID).toString();

      first.destroyForcibly(); // SIGKILL
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
      Files.writeString(signals.resolve("release"), "go");
      Process second = runner(project, gate, "second");

      // The server notices the missed response time-out at its next evaluation; ask for one.
      StageInstance done =
          await(
              "the stage ended",
              () -> {
                decide(runId);
                return store
                    .get(doc.id())
                    .stage("gated", 1)
                    .filter(s -> !s.status().isOpen())
                    .orElse(null);
              });

      assertThat(done.status())
          .as(
              "failure %s; tasks %s; calls %s; second runner's log:%n%s",
              done.get(StageEngine.FAILURE),
              new WorkflowClient(client)
                  .getWorkflow(runId, true).getTasks().stream()
                      .map(
                          t ->
                              t.getReferenceTaskName()
                                  + " "
                                  + t.getStatus()
                                  + " "
                                  + t.getReasonForIncompletion())
                      .toList(),
              read(calls),
              read(dir.resolve("second.log")))
          .isEqualTo(StageStatus.DONE);
      assertThat(done.result(workflow).orElseThrow().properties().get("by"))
          .hasToString(String.valueOf(second.pid()));
      assertThat(store.get(doc.id()).stages("gated")).hasSize(1);
      // The killed runner never completed; the new one did (a late answer to an attempt that had
      // timed out on a loaded machine would be a second "completed" of the same runner).
      List<String> lines = read(calls).lines().toList();
      assertThat(lines.get(0)).isEqualTo("started " + first.pid());
      assertThat(lines)
          .doesNotContain("completed " + first.pid())
          .contains("completed " + second.pid());
      Path stageDir = store.locate(doc.id()).orElseThrow().getParent().resolve("stages/gated/1");
      try (Stream<Path> files = Files.list(stageDir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("stage.md", workflow + ".md");
      }
      // The document is written by update_stage_status before its answer completes the run.
      WorkflowClient workflows = new WorkflowClient(client);
      Workflow run =
          await(
              "the run completed",
              () -> {
                Workflow w = workflows.getWorkflow(runId, true);
                return w.getStatus().isTerminal() ? w : null;
              });
      assertThat(run.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      // Each attempt of the killed task timed out but the last; update_stage_status ran once.
      List<Task> tasks = run.getTasks();
      assertThat(tasks.get(0).getStatus()).isEqualTo(Task.Status.TIMED_OUT);
      assertThat(tasks)
          .extracting(Task::getReferenceTaskName, Task::getStatus)
          .endsWith(
              org.assertj.core.groups.Tuple.tuple("g", Task.Status.COMPLETED),
              org.assertj.core.groups.Tuple.tuple(
                  "idflow_update_stage_status", Task.Status.COMPLETED));
      assertThat(tasks.subList(0, tasks.size() - 2))
          .allSatisfy(t -> assertThat(t.getStatus()).isEqualTo(Task.Status.TIMED_OUT));
    }
  }

  /** A workflow of one SIMPLE task {@code g} of the given type; its output is the stage result. */
  private static WorkflowDef gateWorkflow(String name, String taskType) {
    WorkflowDef def = new WorkflowDef();
    def.setName(name);
    def.setVersion(1);
    def.setSchemaVersion(2);
    def.setOwnerEmail("idflow@example.com");
    WorkflowTask t = new WorkflowTask();
    t.setName(taskType);
    t.setTaskReferenceName("g");
    t.setType("SIMPLE");
    t.setInputParameters(Map.of("dir", "${workflow.input.dir}"));
    def.setTasks(List.of(t));
    def.setOutputParameters(Map.of("doc", Map.of("by", "${g.output.by}", "body", "through")));
    return def;
  }

  private Process runner(Path project, String gate, String name) throws IOException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StageRunnerChild.class.getName(),
                project.toString(),
                gate)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .directory(project.toFile())
            .start();
    children.add(p);
    return p;
  }

  private long lastDecide;

  /** Asks the server to evaluate the run, at most once a second. */
  private void decide(String workflowId) {
    if (System.nanoTime() - lastDecide < 1_000_000_000L) {
      return;
    }
    lastDecide = System.nanoTime();
    client.execute(
        ConductorClientRequest.builder()
            .method(ConductorClientRequest.Method.PUT)
            .path("/workflow/decide/{workflowId}")
            .addPathParam("workflowId", workflowId)
            .build());
  }

  private static <T> T await(String what, Supplier<T> until) {
    return Waits.until(what, WAIT, until);
  }

  private static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
