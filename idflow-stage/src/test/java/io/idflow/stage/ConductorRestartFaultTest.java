package io.idflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.ConductorClientRequest;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.StageDefinitions;
import io.idflow.testing.Waits;
import io.idflow.tooling.server.LocalServer;
import io.idflow.tooling.server.ServerSettings;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import io.idflow.worker.WorkerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Conductor restart in the middle of a pipeline: a server of its own (the boot jar, SQLite data
 * kept across the restart) on a port of 18650-18699 (or {@code -Didflow.test.restart.ports}),
 * documents through two stages, the server stopped while every document's first stage is active
 * (its task held by the runner) and started again on the same port and data; the pipeline finishes,
 * no document lost, none duplicated. Starting the server twice takes a minute or more: behind
 * {@code -Pfault-long}.
 */
@Tag("fault")
@Tag("fault-long")
class ConductorRestartFaultTest {

  private static final int DOCUMENTS = 8;
  private static final Duration WAIT = Duration.ofMinutes(5);

  @TempDir Path dir;
  private LocalServer local;
  private TaskRunner runner;
  private IdflowConductorClient client;

  /** The first task of stage {@code first}: notes the document, waits until the gate opens. */
  public static final class Step {
    final Set<String> started = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> calls = new ConcurrentHashMap<>();
    final CountDownLatch gate = new CountDownLatch(1);

    public Map<String, Object> step(@InputParam("docId") String docId) throws Exception {
      calls.merge(docId, 1, Integer::sum);
      started.add(docId);
      if (!gate.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the gate never opened");
      }
      return Map.of("doc", docId);
    }
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (runner != null) {
      runner.shutdownNow();
      runner.awaitTermination(Duration.ofSeconds(10));
    }
    if (client != null) {
      client.shutdown();
    }
    if (local != null) {
      local.stop(Duration.ofSeconds(20));
    }
  }

  @Test
  void aPipelineInterruptedByAConductorRestartFinishesWithNoDocumentLostOrDuplicated()
      throws Exception {
    Path data = Files.createDirectories(dir.resolve("conductor"));
    ServerSettings settings =
        new ServerSettings(
            freePort(),
            data,
            System.getProperty("idflow.conductor-server.version", "3.32.3"),
            null,
            List.of("-Xms64m", "-Xmx1g"),
            Duration.ofSeconds(300));
    local = new LocalServer(data, System.getenv());
    String url = start(settings);

    Path project = dir.resolve("project");
    write(
        project.resolve("config/idflow.yml"),
        "base_dir: data\nconductor:\n  server_url: " + url + "\n");
    String step = ConductorTestServer.uniqueName("step");
    write(
        project.resolve("stages/a_first.yml"),
        "name: first\nworkflows:\n  - name: " + step + "_wf\n");
    write(
        project.resolve("stages/b_second.yml"),
        """
        name: second
        workflows:
          - name: %s_second
        requirements:
          stages:
            first: {status: done}
        """
            .formatted(step));
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(project).load();
    client = ConductorClients.create(config);
    register(new MetadataClient(client), step);

    Step worker = new Step();
    runner =
        TaskRunner.builder(client)
            .gracePeriod(Duration.ofSeconds(5))
            .workers(WorkerMethod.allOf(new StageTasks(config)), WorkerConfig.of(config))
            .worker(
                new WorkerMethod(
                    step,
                    Step.class.getMethod("step", String.class),
                    worker,
                    DOCUMENTS,
                    50,
                    "",
                    null),
                WorkerSettings.defaults())
            .build();
    runner.start();

    try (DocumentStore store = DocumentStores.open(config)) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < DOCUMENTS; i++) {
        ids.add(store.create(Document.create().put("title", "doc " + i)).id());
      }
      await("every first stage's task is in the runner", () -> worker.started.size() == DOCUMENTS);
      for (String id : ids) {
        assertThat(store.get(id).stage("first", 1).orElseThrow().status())
            .isEqualTo(StageStatus.ACTIVE);
      }

      long t0 = System.nanoTime();
      local.stop(Duration.ofSeconds(30));
      assertThat(ConductorClients.health(url, Duration.ofSeconds(2)).healthy()).isFalse();
      assertThat(start(settings)).isEqualTo(url);
      System.err.printf(
          "[restart] Conductor down and up again in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      worker.gate.countDown();

      WorkflowClient workflows = new WorkflowClient(client);
      long[] lastNudge = {0};
      await(
          "every document's second stage ended",
          () -> {
            boolean all = true;
            boolean nudge = System.nanoTime() - lastNudge[0] > 2_000_000_000L;
            for (String id : ids) {
              Document d = store.get(id);
              for (String stage : List.of("first", "second")) {
                var s = d.stage(stage, 1);
                if (s.isEmpty() || s.get().status().isOpen()) {
                  all = false;
                  // The server notices a missed response time-out at its next evaluation.
                  if (nudge && s.isPresent() && s.get().get(StageEngine.WORKFLOW_ID) != null) {
                    decide(s.get().get(StageEngine.WORKFLOW_ID).toString());
                  }
                }
              }
            }
            if (nudge) {
              lastNudge[0] = System.nanoTime();
            }
            return all;
          });

      int lost = 0;
      int duplicated = 0;
      for (String id : ids) {
        Document d = store.get(id);
        for (String stage : List.of("first", "second")) {
          List<StageInstance> instances = d.stages(stage);
          if (instances.size() != 1 || instances.get(0).status() != StageStatus.DONE) {
            lost++;
          }
          if (instances.size() > 1 || instances.get(0).results().size() != 1) {
            duplicated++;
          }
          int runs =
              workflows
                  .search(0, 10, null, "*", "correlationId=" + id + "-" + stage + "-1")
                  .getResults()
                  .size();
          if (runs != 1) {
            duplicated++;
          }
        }
      }
      System.err.printf(
          "[restart] %d documents, step calls %s: lost: %d, duplicated: %d%n",
          DOCUMENTS, worker.calls.values(), lost, duplicated);
      assertThat(lost).isZero();
      assertThat(duplicated).isZero();
    }
  }

  private String start(ServerSettings settings) {
    LocalServer.StartResult r =
        local.start(settings, line -> System.err.println("[restart-conductor] " + line));
    return r.state().url();
  }

  private static void register(MetadataClient meta, String step) {
    StageDefinitions.registerStageTask(meta);
    TaskDef def = new TaskDef(step);
    def.setRetryCount(5);
    def.setRetryDelaySeconds(0);
    def.setResponseTimeoutSeconds(10);
    def.setTimeoutSeconds(600);
    def.setOwnerEmail("idflow@example.com");
    meta.registerTaskDefs(List.of(def));

    WorkflowDef first = workflow(step + "_wf");
    WorkflowTask t = new WorkflowTask();
    t.setName(step);
    t.setTaskReferenceName("step");
    t.setType("SIMPLE");
    t.setInputParameters(Map.of("docId", "${workflow.input.docId}"));
    first.setTasks(List.of(t));
    first.setOutputParameters(Map.of("doc", Map.of("from", "${step.output.doc}")));

    WorkflowDef second = workflow(step + "_second");
    WorkflowTask inline = new WorkflowTask();
    inline.setName("mk");
    inline.setTaskReferenceName("mk");
    inline.setType("INLINE");
    inline.setInputParameters(
        Map.of(
            "evaluatorType", "graaljs",
            "expression", "(function(){ return 'second of ' + $.doc; })()",
            "doc", "${workflow.input.docId}"));
    second.setTasks(List.of(inline));
    second.setOutputParameters(Map.of("doc", Map.of("body", "${mk.output.result}")));

    meta.updateWorkflowDefs(
        List.of(
            StageDefinitions.stageWorkflow(),
            StageDefinitions.stageWorkflowFailed(),
            first,
            second));
  }

  private static WorkflowDef workflow(String name) {
    WorkflowDef def = new WorkflowDef();
    def.setName(name);
    def.setVersion(1);
    def.setSchemaVersion(2);
    def.setOwnerEmail("idflow@example.com");
    return def;
  }

  private void decide(String workflowId) {
    try {
      client.execute(
          ConductorClientRequest.builder()
              .method(ConductorClientRequest.Method.PUT)
              .path("/workflow/decide/{workflowId}")
              .addPathParam("workflowId", workflowId)
              .build());
    } catch (RuntimeException e) {
      // the next nudge tries again
    }
  }

  /** A free port of 18650-18699 (the ports this suite may use). */
  /**
   * A free port of 18650-18699, or of {@code -Didflow.test.restart.ports=FIRST-LAST} (for a machine
   * where others use that range).
   */
  private static int freePort() throws IOException {
    String range = System.getProperty("idflow.test.restart.ports", "18650-18699");
    String[] bounds = range.split("-", 2);
    int first = Integer.parseInt(bounds[0].strip());
    int last = Integer.parseInt(bounds[1].strip());
    for (int port = first; port <= last; port++) {
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException busy) {
        // next
      }
    }
    throw new IOException("no free port in " + range);
  }

  private static void await(String what, BooleanSupplier until) {
    Waits.until(what, WAIT, until::getAsBoolean);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
