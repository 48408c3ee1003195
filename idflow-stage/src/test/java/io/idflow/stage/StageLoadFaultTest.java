package io.idflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.StageDefinitions;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import io.idflow.worker.WorkerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: {@value #DEFAULT_DOCUMENTS} documents (or {@code -Didflow.load.documents=N}) through a
 * two-stage pipeline, each stage one workflow of one SIMPLE task, with {@value #THREADS} runner
 * threads per task type; prints documents per minute and {@code lost: 0, duplicated: 0}. Minutes
 * long: behind {@code -Pfault-long}.
 */
@Tag("fault")
@Tag("fault-long")
@ExtendWith(ConductorServerExtension.class)
class StageLoadFaultTest {

  private static final int DEFAULT_DOCUMENTS = 1000;
  private static final int THREADS = 4;
  private static final Duration WAIT = Duration.ofMinutes(20);

  @TempDir Path dir;
  private TaskRunner runner;
  private IdflowConductorClient client;

  /** The stages' tasks: count their calls per document. */
  public static final class Counting {
    final Map<String, Integer> calls = new ConcurrentHashMap<>();

    public Map<String, Object> run(@InputParam("docId") String docId) {
      calls.merge(docId, 1, Integer::sum);
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
  }

  @Test
  void documentsThroughTwoStagesWithSeveralRunnerThreadsAreNeitherLostNorDuplicated(
      ConductorTestServer server) throws Exception {
    int documents = Integer.getInteger("idflow.load.documents", DEFAULT_DOCUMENTS);
    client = server.client();
    String prefix = ConductorTestServer.uniqueName("load");
    String a = prefix + "_a";
    String b = prefix + "_b";
    MetadataClient meta = new MetadataClient(client);
    StageDefinitions.registerStageTask(meta);
    meta.registerTaskDefs(List.of(taskDef(a), taskDef(b)));
    meta.updateWorkflowDefs(
        List.of(
            StageDefinitions.stageWorkflow(),
            StageDefinitions.stageWorkflowFailed(),
            workflow(a),
            workflow(b)));

    Path project = dir.resolve("project");
    write(
        project.resolve("config/idflow.yml"),
        "base_dir: data\nconductor:\n  server_url: " + server.url() + "\n");
    write(project.resolve("stages/a_one.yml"), "name: one\nworkflows:\n  - name: " + a + "_wf\n");
    write(
        project.resolve("stages/b_two.yml"),
        """
        name: two
        workflows:
          - name: %s_wf
        requirements:
          stages:
            one: {status: done}
        """
            .formatted(b));
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(project).load();

    Counting one = new Counting();
    Counting two = new Counting();
    TaskRunner.Builder builder = TaskRunner.builder(client).gracePeriod(Duration.ofSeconds(5));
    for (WorkerMethod w : WorkerMethod.allOf(new StageTasks(config))) {
      builder.worker(
          threads(w.taskName(), w.method(), w.bean()), WorkerConfig.of(config).settingsFor(w));
    }
    var method = Counting.class.getMethod("run", String.class);
    builder.worker(threads(a, method, one), WorkerSettings.defaults());
    builder.worker(threads(b, method, two), WorkerSettings.defaults());
    runner = builder.build();
    runner.start();

    ExecutorService writers = Executors.newFixedThreadPool(THREADS);
    try (DocumentStore store = DocumentStores.open(config)) {
      long t0 = System.nanoTime();
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < documents; i++) {
        int n = i;
        created.add(
            writers.submit(() -> store.create(Document.create().put("title", "doc " + n)).id()));
      }
      Set<String> ids = new LinkedHashSet<>();
      for (Future<String> f : created) {
        ids.add(f.get());
      }
      System.err.printf(
          "[load] %d documents created in %.1f s%n", documents, (System.nanoTime() - t0) / 1e9);

      Set<String> open = new LinkedHashSet<>(ids);
      long end = System.nanoTime() + WAIT.toNanos();
      long lastReport = System.nanoTime();
      while (!open.isEmpty() && System.nanoTime() < end) {
        // through: stage two ended, or stage one ended other than done (two then never starts)
        open.removeIf(
            id -> {
              Document d = store.get(id);
              return d.stage("two", 1).filter(s -> !s.status().isOpen()).isPresent()
                  || d.stage("one", 1)
                      .filter(s -> !s.status().isOpen() && s.status() != StageStatus.DONE)
                      .isPresent();
            });
        if (System.nanoTime() - lastReport > 30_000_000_000L) {
          lastReport = System.nanoTime();
          System.err.printf(
              "[load] %d of %d through after %.0f s%n",
              documents - open.size(), documents, (System.nanoTime() - t0) / 1e9);
        }
        if (!open.isEmpty()) {
          Thread.sleep(500);
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;

      int lost = 0;
      int duplicated = 0;
      WorkflowClient runs = new WorkflowClient(client);
      List<String> problems = new ArrayList<>();
      for (String id : ids) {
        Document d = store.get(id);
        for (String stage : List.of("one", "two")) {
          List<StageInstance> instances = d.stages(stage);
          if (instances.isEmpty() || instances.get(0).status() != StageStatus.DONE) {
            lost++;
            problems.add(id + " " + stage + ": " + lostBecause(instances, runs));
          } else if (instances.size() > 1 || instances.get(0).results().size() != 1) {
            duplicated++;
            problems.add(id + " " + stage + ": " + instances.size() + " instances");
          }
        }
      }
      long redelivered =
          one.calls.values().stream().filter(c -> c > 1).count()
              + two.calls.values().stream().filter(c -> c > 1).count();
      System.err.printf(
          "[load] %d documents through 2 stages in %.1f s: %.0f documents per minute, %d runner"
              + " threads per task type, tasks delivered more than once: %d%n",
          documents, seconds, documents * 60 / seconds, THREADS, redelivered);
      System.err.printf("[load] lost: %d, duplicated: %d%n", lost, duplicated);
      problems.forEach(p -> System.err.println("[load] " + p));
      assertThat(lost).as("%s", problems).isZero();
      assertThat(duplicated).as("%s", problems).isZero();
    } finally {
      writers.shutdownNow();
    }
  }

  /**
   * Why a stage of a document is lost: no instance, or the first instance's status, recorded
   * failure, start claim and Conductor run (its status, and the reason and failed task when it
   * failed).
   */
  private static String lostBecause(List<StageInstance> instances, WorkflowClient runs) {
    if (instances.isEmpty()) {
      return "no instance";
    }
    StageInstance s = instances.get(0);
    StringBuilder why = new StringBuilder(String.valueOf(s.status()));
    why.append(", failure ").append(s.get(StageEngine.FAILURE));
    why.append(", start claim ").append(s.get(StageEngine.START_CLAIM));
    Object workflowId = s.get(StageEngine.WORKFLOW_ID);
    why.append(", run ").append(workflowId);
    if (workflowId != null) {
      try {
        Workflow run = runs.getWorkflow(workflowId.toString(), true);
        why.append(" ").append(run.getStatus());
        if (run.getReasonForIncompletion() != null) {
          why.append(" (").append(run.getReasonForIncompletion()).append(")");
        }
        for (Task t : run.getTasks()) {
          why.append("; task ")
              .append(t.getReferenceTaskName())
              .append(" ")
              .append(t.getStatus())
              .append(
                  t.getReasonForIncompletion() == null ? "" : " " + t.getReasonForIncompletion());
        }
      } catch (RuntimeException e) {
        why.append(" (cannot read it: ").append(e.getMessage()).append(")");
      }
    }
    return why.toString();
  }

  private static WorkerMethod threads(String task, java.lang.reflect.Method m, Object bean) {
    return new WorkerMethod(task, m, bean, THREADS, 50, "", null);
  }

  private static TaskDef taskDef(String name) {
    TaskDef def = new TaskDef(name);
    def.setRetryCount(3);
    def.setRetryDelaySeconds(0);
    def.setResponseTimeoutSeconds(60);
    def.setTimeoutSeconds(600);
    def.setOwnerEmail("idflow@example.com");
    return def;
  }

  /** {@code <task>_wf}: one SIMPLE task of the type; its output is the stage result. */
  private static WorkflowDef workflow(String task) {
    WorkflowDef def = new WorkflowDef();
    def.setName(task + "_wf");
    def.setVersion(1);
    def.setSchemaVersion(2);
    def.setOwnerEmail("idflow@example.com");
    WorkflowTask t = new WorkflowTask();
    t.setName(task);
    t.setTaskReferenceName("t");
    t.setType("SIMPLE");
    t.setInputParameters(Map.of("docId", "${workflow.input.docId}"));
    def.setTasks(List.of(t));
    def.setOutputParameters(Map.of("doc", Map.of("from", "${t.output.doc}")));
    return def;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
