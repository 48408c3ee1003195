package io.idflow.cli.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.common.run.Workflow;
import io.idflow.cli.CliHarness;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.JBangRunner;
import io.idflow.testing.ModuleRepository;
import io.idflow.testing.TestProjects;
import io.idflow.worker.*;
import io.idflow.worker.internal.*;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A task script run directly with JBang is a one-off runner of just that task. */
@ExtendWith(ConductorServerExtension.class)
class TaskScriptIT {

  @TempDir Path dir;

  @Test
  void aTaskScriptRunByJBangServesItsTaskUntilStopped(ConductorTestServer server) throws Exception {
    Path project = TestProjects.copy(getClass(), "script", dir.resolve("project"));
    String task = ConductorTestServer.uniqueName("greet");
    Path script = project.resolve("tasks/greet/Greet.java");
    Files.writeString(script, Files.readString(script).replace("GREET_TASK", task));
    IdflowConductorClient client = server.client();
    Conductor conductor = new Conductor(client);
    conductor.registerTask(task, 0, 30);

    JBangRunner jbang = new JBangRunner(project, "idflow-cli");
    List<String> cmd = new ArrayList<>();
    cmd.add(ModuleRepository.projectRoot().resolve("scripts/jbang").toString());
    cmd.addAll(List.of("--fresh", "tasks/greet/Greet.java", "--port", "0"));
    Path log = dir.resolve("script.log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(jbang.environment());
    pb.environment().put("IDFLOW_CONDUCTOR_URL", server.url());
    Process p = pb.start();
    try {
      RunFiles files = new RunFiles(project);
      long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (files.list().live().isEmpty() && p.isAlive() && System.nanoTime() < end) {
        Thread.sleep(200);
      }
      List<RunFile> live = files.list().live();
      assertThat(live).as(Files.readString(log)).hasSize(1);
      RunFile run = live.get(0);
      assertThat(run.name()).isEqualTo(task);
      assertThat(run.workers()).containsExactly(task);
      assertThat(Files.readString(log)).contains("started worker " + task + " (Greet#greet)");

      String id = conductor.start(task, Map.of("name", "script"));
      Workflow wf = conductor.awaitEnd(id, Duration.ofSeconds(30));
      assertThat(wf.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      assertThat(wf.getOutput().get("out")).isEqualTo(Map.of("greeting", "hello script"));

      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + run.healthPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body())
          .contains(
              "idflow_worker_executions_total{task_type=\"" + task + "\",status=\"COMPLETED\"} 1");

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + run.healthPort() + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body())
          .startsWith("{\"status\":\"UP\",\"ready\":true,\"state\":\"RUNNING\"")
          .contains("\"" + task + "\":{\"status\":\"POLLING\"");

      CliHarness.Result stop =
          CliHarness.of(project, WorkerCommand.class)
              .env("IDFLOW_CONDUCTOR_URL", server.url())
              .run("worker", "stop", task);
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      client.shutdown();
    }
  }
}
