package io.idflow.cli.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.api.internal.Json;
import io.idflow.cli.CliHarness;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.JBangRunner;
import io.idflow.testing.TestProjects;
import io.idflow.worker.internal.RunFile;
import io.idflow.worker.internal.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code worker list} and {@code worker start} with task discovery, against a real Conductor. */
@ExtendWith(ConductorServerExtension.class)
class WorkerCommandIT {

  private static final String GREET = "idflow_it_greet";

  @TempDir Path dir;

  private CliHarness cli(ConductorTestServer server, String project) {
    Path p = TestProjects.copy(getClass(), project, dir.resolve(project));
    return CliHarness.of(p, WorkerCommand.class).env("IDFLOW_CONDUCTOR_URL", server.url());
  }

  @Test
  void listShowsEachWorkerWithItsSourceOriginAndTheWorkflowsThatNeedIt(ConductorTestServer server)
      throws Exception {
    CliHarness cli = cli(server, "workers");
    CliHarness.Result text = cli.run("worker", "list");
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .containsPattern("TASK +STATUS +ORIGIN +SOURCE +NEEDED BY")
        .containsPattern(
            GREET + " +active +standard +io.idflow.worker.fixtures.good.GreetWorkers +greeting v1")
        .containsPattern("idflow_it_unused +unused +standard +.*GreetWorkers +-");

    CliHarness.Result json = cli.run("worker", "list", "--output", "json");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode rows = Json.MAPPER.readTree(json.out());
    assertThat(rows).hasSize(2);
    JsonNode greet = rows.get(0);
    assertThat(greet.get("name").asText()).isEqualTo(GREET);
    assertThat(greet.get("kind").asText()).isEqualTo("class");
    assertThat(greet.get("method").asText())
        .isEqualTo("io.idflow.worker.fixtures.good.GreetWorkers#greet");
    assertThat(greet.get("needed").asBoolean()).isTrue();
    assertThat(greet.at("/neededBy/workflows/0").asText()).isEqualTo("greeting v1");
    assertThat(rows.get(1).get("needed").asBoolean()).isFalse();
  }

  @Test
  void startRunsTheSelectedWorkersUntilStopped(ConductorTestServer server) throws Exception {
    CliHarness cli = cli(server, "workers");
    Path project = dir.resolve("workers");
    IdflowConductorClient client = server.client();
    try {
      new MetadataClient(client).registerTaskDefs(List.of(taskDef(GREET)));
      CompletableFuture<CliHarness.Result> start =
          CompletableFuture.supplyAsync(
              () -> cli.run("worker", "start", "--worker", GREET, "--port", "0", "--threads", "3"));
      RunFile run = awaitRunner(project, start);
      assertThat(run.name()).isEqualTo(GREET);
      assertThat(run.workers()).containsExactly(GREET);

      Workflow wf = runGreeting(client, "start");
      assertThat(wf.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      assertThat(wf.getTaskByRefName("greet_a").getOutputData())
          .isEqualTo(Map.of("greeting", "hello start"));

      CliHarness.Result stop = cli.run("worker", "stop", GREET);
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
      CliHarness.Result started = start.get(60, TimeUnit.SECONDS);
      assertThat(started.exitCode()).as(started.toString()).isZero();
      assertThat(started.err())
          .contains(
              "started worker "
                  + GREET
                  + " (io.idflow.worker.fixtures.good.GreetWorkers#greet): 3 threads,"
                  + " polling every 5 ms")
          .contains("runner " + GREET + " running (pid ")
          .contains("health and metrics on http://localhost:")
          .contains("runner " + GREET + " stopped");
      assertThat(new RunFiles(project).list().live()).isEmpty();
    } finally {
      client.shutdown();
    }
  }

  @Test
  void anUnknownWorkerOrOneThatCannotLoadStartsNothing(ConductorTestServer server) {
    CliHarness cli = cli(server, "workers");
    CliHarness.Result unknown = cli.run("worker", "start", "-w", GREET, "-w", "nope");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("error: unknown worker 'nope'; known: idflow_it_greet, idflow_it_unused");
    assertThat(cli.run("worker", "start").exitCode()).isEqualTo(2);
    assertThat(cli.run("worker", "start", "--all", "-w", GREET).err())
        .contains("choose the workers: --all, or --worker NAME");

    CliHarness.Result broken = cli(server, "broken").run("worker", "start", "--all");
    assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(5);
    assertThat(broken.err())
        .contains("io.idflow.worker.fixtures.broken.BrokenWorkers")
        .contains("no database configured")
        .doesNotContain("started worker");
    assertThat(new RunFiles(dir.resolve("broken")).list().live()).isEmpty();
  }

  @Test
  void detachRunsInTheBackgroundAndTheCoreEchoScriptWorks(ConductorTestServer server)
      throws Exception {
    // Scripts on: the core library's tasks/echo/Echo.java is built with JBang from this build.
    Path project = TestProjects.copy(getClass(), "workers", dir.resolve("scripts"));
    Files.writeString(
        project.resolve("config/idflow.yml"),
        "tasks:\n  scan_class_path: false\n  scripts: true\n");
    CliHarness cli =
        CliHarness.of(project, WorkerCommand.class).env("IDFLOW_CONDUCTOR_URL", server.url());
    new JBangRunner(project, "idflow-cli").environment().forEach(cli::env);
    IdflowConductorClient client = server.client();
    try {
      CliHarness.Result list = cli.run("worker", "list");
      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(list.out()).containsPattern("echo +unused +standard +core:tasks/echo/Echo.java");

      CliHarness.Result start = cli.run("worker", "start", "-w", "echo", "--detach");
      assertThat(start.exitCode()).as(start.toString()).isZero();
      assertThat(start.err()).contains("runner echo runs in the background (pid ");
      List<RunFile> live = new RunFiles(project).list().live();
      assertThat(live).hasSize(1);
      assertThat(live.get(0).logFile()).isEqualTo(project.resolve(".idflow/run/worker-echo.log"));

      new MetadataClient(client).registerTaskDefs(List.of(taskDef("echo")));
      WorkflowTask t = new WorkflowTask();
      t.setName("echo");
      t.setTaskReferenceName("e");
      t.setInputParameters(Map.of("text", "detached"));
      Workflow wf = runOne(client, "idflow_it_echo_wf", t);
      assertThat(wf.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      assertThat(wf.getTaskByRefName("e").getOutputData()).isEqualTo(Map.of("echo", "detached"));

      CliHarness.Result stop = cli.run("worker", "stop", "--all");
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
      assertThat(stop.err()).contains("stopped runner echo (pid " + live.get(0).pid() + ")");
      assertThat(Files.readString(live.get(0).logFile()))
          .contains("started worker echo (core:tasks/echo/Echo.java)")
          .contains("runner echo stopped");
    } finally {
      cli.run("worker", "killall", "-k", "-y");
      client.shutdown();
    }
  }

  private static TaskDef taskDef(String name) {
    TaskDef def = new TaskDef(name);
    def.setRetryCount(0);
    def.setResponseTimeoutSeconds(30);
    def.setOwnerEmail("it@idflow.io");
    return def;
  }

  private static RunFile awaitRunner(Path project, CompletableFuture<CliHarness.Result> start)
      throws Exception {
    RunFiles files = new RunFiles(project);
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (files.list().live().isEmpty() && !start.isDone() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    if (start.isDone()) {
      throw new AssertionError("worker start ended early: " + start.get());
    }
    assertThat(files.list().live()).hasSize(1);
    return files.list().live().get(0);
  }

  private static Workflow runGreeting(IdflowConductorClient client, String name) throws Exception {
    WorkflowDef def =
        Json.MAPPER.readValue(
            WorkerCommandIT.class
                .getClassLoader()
                .getResource("projects/workers/workflows/greeting/greeting.json"),
            WorkflowDef.class);
    def.setOwnerEmail("it@idflow.io");
    StartWorkflowRequest req = new StartWorkflowRequest();
    req.setName(def.getName());
    req.setWorkflowDef(def);
    req.setInput(Map.of("name", name));
    return await(client, new WorkflowClient(client).startWorkflow(req));
  }

  private static Workflow runOne(IdflowConductorClient client, String name, WorkflowTask task)
      throws Exception {
    WorkflowDef def = new WorkflowDef();
    def.setName(name);
    def.setOwnerEmail("it@idflow.io");
    def.setTasks(List.of(task));
    StartWorkflowRequest req = new StartWorkflowRequest();
    req.setName(name);
    req.setWorkflowDef(def);
    return await(client, new WorkflowClient(client).startWorkflow(req));
  }

  private static Workflow await(IdflowConductorClient client, String id) throws Exception {
    WorkflowClient workflows = new WorkflowClient(client);
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Workflow wf = workflows.getWorkflow(id, true);
    while (!wf.getStatus().isTerminal() && System.nanoTime() < end) {
      Thread.sleep(50);
      wf = workflows.getWorkflow(id, true);
    }
    return wf;
  }
}
