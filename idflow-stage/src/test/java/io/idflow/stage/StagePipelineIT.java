package io.idflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.common.run.WorkflowSummary;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageResult;
import io.idflow.api.document.StageStatus;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.FreePort;
import io.idflow.testing.StageDefinitions;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents through stages on a real Conductor, with the real runner executing the stage system
 * tasks: results land in the document, dependent stages follow by themselves, failures block the
 * stage with their reason, reruns get their own counter, duplicate starts are refused, and a stage
 * scheduled while Conductor was down starts with the next evaluation.
 */
@ExtendWith(ConductorServerExtension.class)
class StagePipelineIT {

  private static final Duration WAIT = Duration.ofMinutes(3);

  private static ConductorTestServer server;
  private static IdflowConductorClient client;
  private static TaskRunner runner;
  private static final String SUFFIX = ConductorTestServer.uniqueName("s").substring(2);
  private static final String RESEARCH = "research_" + SUFFIX;
  private static final String DRAFT = "draft_" + SUFFIX;
  private static final String BROKEN = "broken_" + SUFFIX;
  private static final String NEVER = "never_" + SUFFIX;
  private static final String HOLD = "hold_" + SUFFIX;
  private static final String MISSING = "missing_" + SUFFIX;

  @TempDir static Path project;
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void definitions(ConductorTestServer s) throws IOException {
    server = s;
    client = s.client();
    MetadataClient meta = new MetadataClient(client);
    StageDefinitions.registerStageTask(meta);
    meta.updateWorkflowDefs(
        List.of(
            StageDefinitions.stageWorkflow(),
            StageDefinitions.stageWorkflowFailed(),
            inline(
                RESEARCH,
                "(function(){ return {title: 'About ' + $.topic, depth: $.depth}; })()",
                Map.of(
                    "title", "${mk.output.result.title}",
                    "body", "Notes on ${workflow.input.topic}",
                    "depth", "${mk.output.result.depth}")),
            inline(
                DRAFT,
                "(function(){ return 'draft ' + $.counter; })()",
                "Draft ${mk.output.result} of ${workflow.input.docId}"),
            inline(BROKEN, "(function(){ throw new Error('kaboom'); })()", null),
            inline(NEVER, "(function(){ return 1; })()", "never"),
            hold()));
    writeProject();
    runner =
        TaskRunner.builder(client)
            .gracePeriod(Duration.ofSeconds(5))
            .workers(
                WorkerMethod.allOf(new StageTasks(config(project))),
                io.idflow.worker.WorkerConfig.of(config(project)))
            .build();
    runner.start();
  }

  /** A workflow with one INLINE task {@code mk} whose output {@code doc} is given. */
  private static WorkflowDef inline(String name, String script, Object doc) {
    WorkflowDef def = new WorkflowDef();
    def.setName(name);
    def.setVersion(1);
    def.setSchemaVersion(2);
    def.setOwnerEmail("idflow@example.com");
    com.netflix.conductor.common.metadata.workflow.WorkflowTask t =
        new com.netflix.conductor.common.metadata.workflow.WorkflowTask();
    t.setName("mk");
    t.setTaskReferenceName("mk");
    t.setType("INLINE");
    t.setInputParameters(
        Map.of(
            "evaluatorType", "graaljs",
            "expression", script,
            "topic", "${workflow.input.topic}",
            "depth", "${workflow.input.depth}",
            "counter", "${workflow.input.stageCounter}"));
    def.setTasks(List.of(t));
    if (doc != null) {
      def.setOutputParameters(Map.of("doc", doc));
    }
    return def;
  }

  /** A workflow that waits (a WAIT task without a duration) until someone ends it. */
  private static WorkflowDef hold() {
    WorkflowDef def = new WorkflowDef();
    def.setName(HOLD);
    def.setVersion(1);
    def.setSchemaVersion(2);
    def.setOwnerEmail("idflow@example.com");
    com.netflix.conductor.common.metadata.workflow.WorkflowTask t =
        new com.netflix.conductor.common.metadata.workflow.WorkflowTask();
    t.setName("hold");
    t.setTaskReferenceName("hold");
    t.setType("WAIT");
    def.setTasks(List.of(t));
    return def;
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (runner != null) {
      runner.shutdownNow();
      runner.awaitTermination(Duration.ofSeconds(10));
    }
    client.shutdown();
  }

  private static void writeProject() throws IOException {
    write("config/idflow.yml", "base_dir: data\nconductor:\n  server_url: " + server.url() + "\n");
    write(
        "stages/a_research.yml",
        """
        name: research
        multiple_callable: true
        workflows:
          - name: %s
            inputs: {topic: AI, depth: 2}
          - name: %s
            when: "doc.priority > 100"
        requirements:
          list_checks:
            - {attribute: tags, operator: HAS, value: blog, case_sensitive: false}
        """
            .formatted(RESEARCH, NEVER));
    write(
        "stages/b_draft.yml",
        """
        name: draft
        workflows:
          - name: %s
        requirements:
          stages:
            research: {status: done}
        """
            .formatted(DRAFT));
    write(
        "stages/c_broken.yml",
        """
        name: broken
        workflows:
          - name: %s
          - name: %s
        requirements:
          attribute_checks:
            - {attribute: kind, operator: EQ, value: broken}
        """
            .formatted(RESEARCH, BROKEN));
    write(
        "stages/c_fails.yml",
        """
        name: fails
        workflows:
          - name: %s
        requirements:
          attribute_checks:
            - {attribute: kind, operator: EQ, value: fails}
        """
            .formatted(BROKEN));
    write(
        "stages/d_missing.yml",
        """
        name: missing
        workflows:
          - name: %s
        requirements:
          attribute_checks:
            - {attribute: kind, operator: EQ, value: missing}
        """
            .formatted(MISSING));
    write(
        "stages/e_hold.yml",
        """
        name: hold
        workflows:
          - name: %s
        requirements:
          attribute_checks:
            - {attribute: kind, operator: EQ, value: hold}
        """
            .formatted(HOLD));
  }

  private static void write(String file, String text) throws IOException {
    Path p = project.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static IdflowConfig config(Path dir) {
    return new ConfigLoader().env(Map.of()).workingDir(dir).load();
  }

  private DocumentStore open(Path dir) {
    return DocumentStores.open(
        config(dir), DocumentStores.Options.defaults().withWarnings(warnings::add));
  }

  /** Waits until the instance exists and is no longer scheduled or active. */
  private StageInstance awaitEnd(DocumentStore store, String docId, String stage, int counter) {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      var found = store.get(docId).stage(stage, counter);
      if (found.isPresent() && !found.get().status().isOpen()) {
        return found.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "stage " + stage + "/" + counter + " did not end within " + WAIT + ": " + found);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aDocumentRunsItsStageToDoneAndTheDependentStageFollows() {
    try (DocumentStore store = open(project)) {
      Document doc =
          store.create(
              Document.create().put("title", "Observability").put("tags", List.of("Blog")));

      StageInstance research = awaitEnd(store, doc.id(), "research", 1);
      assertThat(research.status()).isEqualTo(StageStatus.DONE);
      StageResult result = research.result(RESEARCH).orElseThrow();
      assertThat(result.properties()).containsEntry("title", "About AI").containsEntry("depth", 2);
      assertThat(result.body()).isEqualTo("Notes on AI");
      assertThat(research.get(StageEngine.SKIPPED_WORKFLOWS)).isEqualTo(List.of(NEVER));
      assertThat(research.result(NEVER)).isEmpty();

      StageInstance draft = awaitEnd(store, doc.id(), "draft", 1);
      assertThat(draft.status()).isEqualTo(StageStatus.DONE);
      assertThat(draft.result(DRAFT).orElseThrow().body())
          .isEqualTo("Draft draft 1 of " + doc.id());
      assertThat(
              Files.exists(
                  store
                      .locate(doc.id())
                      .orElseThrow()
                      .getParent()
                      .resolve("stages/research/1/" + RESEARCH + ".md")))
          .isTrue();

      // A stage of one workflow (the other one's 'when' was false) runs folded into one
      // execution: the workflow's task, then update_stage_status.
      WorkflowClient workflows = new WorkflowClient(client);
      Workflow run = workflows.getWorkflow(research.get(StageEngine.WORKFLOW_ID).toString(), true);
      assertThat(run.getCorrelationId()).isEqualTo(doc.id() + "-research-1");
      assertThat(run.getWorkflowName()).isEqualTo("stage_workflow");
      assertThat(run.getTasks())
          .extracting(t -> t.getReferenceTaskName())
          .containsExactly("mk", "idflow_update_stage_status");
      assertThat(
              workflows
                  .search(0, 10, null, "*", "correlationId=" + doc.id() + "-research-1")
                  .getResults())
          .hasSize(1);

      // A stage of two workflows runs them as sub-workflows of stage_workflow.
      Document two = store.create(Document.create().put("kind", "broken"));
      StageInstance broken = awaitEnd(store, two.id(), "broken", 1);
      Workflow forked = workflows.getWorkflow(broken.get(StageEngine.WORKFLOW_ID).toString(), true);
      assertThat(forked.getTasks())
          .filteredOn(t -> "SUB_WORKFLOW".equals(t.getTaskType()))
          .hasSize(2);
    }
  }

  /** The stage is blocked naming BROKEN's workflow, its task {@code mk} and the task's message. */
  private static void assertBlockedByBrokensTask(StageInstance stage) {
    assertThat(stage.status()).isEqualTo(StageStatus.BLOCKED);
    @SuppressWarnings("unchecked")
    Map<String, Object> failure = (Map<String, Object>) stage.get(StageEngine.FAILURE);
    assertThat(failure)
        .containsEntry("workflow", BROKEN)
        .containsEntry("task", "mk")
        .hasEntrySatisfying("message", m -> assertThat(m.toString()).contains("kaboom"));
  }

  @Test
  void aFailingWorkflowBlocksTheStageWithWorkflowTaskAndMessage() {
    try (DocumentStore store = open(project)) {
      Document doc = store.create(Document.create().put("kind", "broken"));

      StageInstance broken = awaitEnd(store, doc.id(), "broken", 1);
      assertBlockedByBrokensTask(broken);
      // The workflow that succeeded still left its result.
      assertThat(broken.result(RESEARCH)).isPresent();
    }
  }

  @Test
  void aFailingWorkflowRunFoldedBlocksTheStageTheSameWay() {
    try (DocumentStore store = open(project)) {
      Document doc = store.create(Document.create().put("kind", "fails"));

      StageInstance fails = awaitEnd(store, doc.id(), "fails", 1);
      assertBlockedByBrokensTask(fails);
      assertThat(fails.results()).isEmpty();
    }
  }

  @Test
  void aRerunOfAMultipleCallableStageGetsCounterTwoAndItsOwnResult() {
    try (DocumentStore store = open(project)) {
      Document doc = store.create(Document.create().put("tags", List.of("blog")));
      awaitEnd(store, doc.id(), "research", 1);
      awaitEnd(store, doc.id(), "draft", 1);

      List<StageEvaluation> evaluations = new ArrayList<>();
      try (StageEngine engine = StageEngine.forConfig(config(project))) {
        store.update(doc.id(), d -> evaluations.add(engine.evaluate(d, null, true)));
      }
      assertThat(evaluations.get(0).created())
          .extracting(StageDecision::stage)
          .contains("research");

      StageInstance second = awaitEnd(store, doc.id(), "research", 2);
      assertThat(second.status()).isEqualTo(StageStatus.DONE);
      assertThat(second.result(RESEARCH)).isPresent();
      assertThat(second.get(StageEngine.WORKFLOW_ID))
          .isNotEqualTo(
              store.get(doc.id()).stage("research", 1).orElseThrow().get(StageEngine.WORKFLOW_ID));
    }
  }

  @Test
  void twoWritersEvaluatingAtOnceStartOneRun() throws Exception {
    Document doc;
    try (DocumentStore quiet =
        DocumentStores.open(
            config(project), DocumentStores.Options.defaults().withListeners(false))) {
      doc = quiet.create(Document.create().put("tags", List.of("blog")));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    List<DocumentStore> stores = List.of(open(project), open(project));
    try {
      for (DocumentStore store : stores) {
        writers.add(
            pool.submit(
                () -> {
                  go.await();
                  return store.update(doc.id(), d -> d.put("touched", true));
                }));
      }
      go.countDown();
      for (Future<?> f : writers) {
        f.get();
      }
      StageInstance research = awaitEnd(stores.get(0), doc.id(), "research", 1);
      assertThat(research.status()).isEqualTo(StageStatus.DONE);
      assertThat(stores.get(0).get(doc.id()).stages("research")).hasSize(1);
      List<WorkflowSummary> runs =
          new WorkflowClient(client)
              .search(
                  0,
                  10,
                  null,
                  "*",
                  "workflowType=stage_workflow AND correlationId=" + doc.id() + "-research-1")
              .getResults();
      assertThat(runs).hasSize(1);
    } finally {
      stores.forEach(DocumentStore::close);
      pool.shutdownNow();
    }
  }

  @Test
  void conductorDownDuringAddLeavesAScheduledStageThatTheNextEvaluationStarts() {
    IdflowConfig down =
        new ConfigLoader()
            .env(Map.of("IDFLOW_CONDUCTOR_URL", "http://127.0.0.1:" + FreePort.find()))
            .workingDir(project)
            .load();
    Document doc;
    try (DocumentStore store =
        DocumentStores.open(down, DocumentStores.Options.defaults().withWarnings(warnings::add))) {
      doc = store.create(Document.create().put("tags", List.of("blog")));
      assertThat(store.get(doc.id()).stage("research", 1).orElseThrow().status())
          .isEqualTo(StageStatus.SCHEDULED);
    }
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("stays scheduled"));

    try (DocumentStore store = open(project)) {
      store.update(doc.id(), d -> {});
      assertThat(awaitEnd(store, doc.id(), "research", 1).status()).isEqualTo(StageStatus.DONE);
    }
  }

  @Test
  void aStageRunThatConductorFailsIsBlockedByItsFailureWorkflow() {
    // The stage names a workflow Conductor does not have: Conductor fails stage_workflow while
    // it schedules the sub-workflow, before update_stage_status could run; its failure workflow
    // (stage_workflow_failed) records that on the instance.
    try (DocumentStore store = open(project)) {
      Document doc = store.create(Document.create().put("kind", "missing"));

      StageInstance missing = awaitEnd(store, doc.id(), "missing", 1);
      assertThat(missing.status()).isEqualTo(StageStatus.BLOCKED);
      @SuppressWarnings("unchecked")
      Map<String, Object> failure = (Map<String, Object>) missing.get(StageEngine.FAILURE);
      assertThat(failure).containsEntry("workflow", "stage_workflow");
      assertThat(failure.get("message").toString()).contains(MISSING);
      Workflow run =
          new WorkflowClient(client)
              .getWorkflow(missing.get(StageEngine.WORKFLOW_ID).toString(), false);
      assertThat(run.getStatus()).isEqualTo(Workflow.WorkflowStatus.FAILED);
    }
  }

  @Test
  void aStageRunTerminatedOnConductorIsEndedByReconcile() {
    try (DocumentStore store = open(project);
        StageEngine engine = StageEngine.forConfig(config(project))) {
      Document doc = store.create(Document.create().put("kind", "hold"));
      StageInstance hold = store.get(doc.id()).stage("hold", 1).orElseThrow();
      assertThat(hold.status()).isEqualTo(StageStatus.ACTIVE);
      String runId = hold.get(StageEngine.WORKFLOW_ID).toString();
      // still running: nothing to do
      assertThat(engine.reconcile(store, doc.id())).isEmpty();

      new WorkflowClient(client).terminateWorkflow(runId, "stopped by an operator");
      Instant deadline = Instant.now().plus(WAIT);
      StageInstance now = store.get(doc.id()).stage("hold", 1).orElseThrow();
      while (now.status() == StageStatus.ACTIVE) {
        engine.reconcile(store, doc.id());
        now = store.get(doc.id()).stage("hold", 1).orElseThrow();
        if (now.status() == StageStatus.ACTIVE) {
          assertThat(Instant.now()).as("the run was ended by then").isBefore(deadline);
          pause();
        }
      }
      assertThat(now.status()).isEqualTo(StageStatus.BLOCKED);
      @SuppressWarnings("unchecked")
      Map<String, Object> failure = (Map<String, Object>) now.get(StageEngine.FAILURE);
      assertThat(failure.get("message").toString()).contains("stopped by an operator");
    }
  }
}
