package io.idflow.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.RefusedException;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on a real file store, with a launcher that records instead of calling Conductor. */
class StageEngineTest {

  @TempDir Path project;
  private final RecordingLauncher launcher = new RecordingLauncher();
  private final List<String> warnings = new ArrayList<>();
  private DocumentStore store;
  private StageEngine engine;

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/idflow.yml"), "base_dir: data\n");
    stage(
        "a_research.yml",
        """
        name: research
        workflows:
          - name: research_wf
            inputs: {depth: 2}
          - name: never
            when: "doc.priority > 100"
        requirements:
          list_checks:
            - {attribute: tags, operator: HAS, value: blog, case_sensitive: false}
        """);
    stage(
        "b_draft.yml",
        """
        name: draft
        multiple_callable: true
        workflows:
          - name: draft_wf
        requirements:
          stages:
            research: {status: done}
        """);
  }

  private void stage(String file, String yaml) throws IOException {
    Files.createDirectories(project.resolve("stages"));
    Files.writeString(project.resolve("stages").resolve(file), yaml);
  }

  private void open() {
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(project).load();
    engine =
        StageEngine.builder()
            // the project's stages only, not the core library's content stages
            .catalog(() -> StageCatalog.load(ResourceResolver.builder().project(project).build()))
            .launcher(() -> launcher)
            .build();
    store =
        DocumentStores.open(
            config,
            DocumentStores.Options.defaults().withListeners(false).withWarnings(warnings::add));
    store.addListener(new StageListener(engine));
  }

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private Document add(Object tags) {
    return store.create(Document.create().put("title", "t").put("tags", tags));
  }

  @Test
  void aMatchingDocumentGetsItsStageStartedWithCorrelationIdAndInputs() {
    open();
    Document doc = add(List.of("BLOG"));

    Document saved = store.get(doc.id());
    assertThat(saved.status()).isEqualTo(DocumentStatus.ACTIVE);
    StageInstance s = saved.stages("research").get(0);
    assertThat(s.counter()).isEqualTo(1);
    assertThat(s.status()).isEqualTo(StageStatus.ACTIVE);
    assertThat(s.get(StageEngine.WORKFLOW_ID)).isEqualTo("wf-" + doc.id() + "-research-1");
    assertThat(s.get(StageEngine.WORKFLOWS)).isEqualTo(List.of("research_wf"));
    assertThat(s.get(StageEngine.SKIPPED_WORKFLOWS)).isEqualTo(List.of("never"));
    StageLaunch launch = launcher.started.values().iterator().next();
    assertThat(launch.correlationId()).isEqualTo(doc.id() + "-research-1");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> inputs =
        (Map<String, Map<String, Object>>) launch.input().get("forkInputs");
    assertThat(inputs.get("research_wf"))
        .containsEntry("depth", 2)
        .containsEntry("docId", doc.id())
        .containsEntry("stageName", "research")
        .containsEntry("stageCounter", 1)
        .containsEntry(
            "doc",
            Map.of("title", "t", "tags", List.of("BLOG"), "id", doc.id(), "status", "active"));
    assertThat(saved.stages("draft")).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void aDocumentThatDoesNotMatchStaysInTheInbox() {
    open();
    Document doc = add(List.of("other"));
    assertThat(store.get(doc.id()).status()).isEqualTo(DocumentStatus.INBOX);
    assertThat(store.get(doc.id()).stages()).isEmpty();
    assertThat(launcher.starts).isZero();
  }

  @Test
  void conductorDownLeavesTheStageScheduledAndTheNextSaveStartsIt() {
    open();
    launcher.down = true;
    Document doc = add(List.of("blog"));
    StageInstance s = store.get(doc.id()).stages("research").get(0);
    assertThat(s.status()).isEqualTo(StageStatus.SCHEDULED);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("stays scheduled").contains("not reachable");

    launcher.down = false;
    store.update(doc.id(), d -> d.put("note", "again"));
    assertThat(store.get(doc.id()).stages("research").get(0).status())
        .isEqualTo(StageStatus.ACTIVE);
    assertThat(launcher.started).hasSize(1);
  }

  @Test
  void aFinishedStageStartsTheDependentOneByItself() {
    open();
    Document doc = add(List.of("blog"));
    store.update(doc.id(), d -> d.stage("research", 1).orElseThrow().setStatus(StageStatus.DONE));

    Document saved = store.get(doc.id());
    assertThat(saved.stages("draft")).hasSize(1);
    assertThat(saved.stages("draft").get(0).status()).isEqualTo(StageStatus.ACTIVE);
    assertThat(launcher.started.keySet())
        .containsExactly("wf-" + doc.id() + "-research-1", "wf-" + doc.id() + "-draft-1");
  }

  @Test
  void aRerunOfAMultipleCallableStageGetsTheNextCounter() {
    open();
    Document doc = add(List.of("blog"));
    store.update(doc.id(), d -> d.stage("research", 1).orElseThrow().setStatus(StageStatus.DONE));
    store.update(doc.id(), d -> d.stage("draft", 1).orElseThrow().setStatus(StageStatus.DONE));

    List<StageEvaluation> evaluations = new ArrayList<>();
    store.update(doc.id(), d -> evaluations.add(engine.evaluate(d, null, true)));

    StageEvaluation e = evaluations.get(0);
    assertThat(e.created()).extracting(StageDecision::stage).containsExactly("draft");
    assertThat(e.created().get(0).counter()).isEqualTo(2);
    assertThat(e.skipped())
        .extracting(StageDecision::reason)
        .containsExactly("not marked as multiple_callable in stage definition");
    assertThat(launcher.started).containsKey("wf-" + doc.id() + "-draft-2");
  }

  @Test
  void theDocumentsStatusEndsOrStopsItsOpenStages() {
    open();
    Document doc = add(List.of("blog"));
    store.update(doc.id(), d -> d.setStatus(DocumentStatus.BLOCKED));
    StageInstance s = store.get(doc.id()).stages("research").get(0);
    assertThat(s.status()).isEqualTo(StageStatus.BLOCKED);
    assertThat(launcher.terminated).containsExactly("wf-" + doc.id() + "-research-1");

    Document other = add(List.of("blog"));
    store.update(other.id(), d -> d.setStatus(DocumentStatus.DONE));
    assertThat(store.get(other.id()).stages("research").get(0).status())
        .isEqualTo(StageStatus.DONE);
  }

  @Test
  void anActiveStageWhoseRequirementsNoLongerHoldIsCancelled() {
    open();
    Document doc = add(List.of("blog"));
    store.update(doc.id(), d -> d.put("tags", List.of("news")));
    assertThat(store.get(doc.id()).stages("research").get(0).status())
        .isEqualTo(StageStatus.CANCELLED);
    assertThat(launcher.terminated).hasSize(1);
  }

  @Test
  void aStageWhoseWorkflowsAreAllSkippedIsDoneWithoutConductor() throws IOException {
    stage(
        "c_quiet.yml",
        """
        name: quiet
        workflows:
          - {name: loud, when: "doc.volume > 10"}
        """);
    open();
    Document doc = store.create(Document.create().put("volume", 1));
    StageInstance s = store.get(doc.id()).stages("quiet").get(0);
    assertThat(s.status()).isEqualTo(StageStatus.DONE);
    assertThat(s.get(StageEngine.SKIPPED_WORKFLOWS)).isEqualTo(List.of("loud"));
    assertThat(launcher.starts).isZero();
  }

  @Test
  void aFailingWhenBlocksTheStageWithItsMessage() throws IOException {
    stage(
        "c_bad.yml",
        """
        name: bad
        workflows:
          - {name: w, when: "doc.nothing.deeper"}
        """);
    open();
    Document doc = store.create(Document.create());
    StageInstance s = store.get(doc.id()).stages("bad").get(0);
    assertThat(s.status()).isEqualTo(StageStatus.BLOCKED);
    assertThat(s.get(StageEngine.FAILURE).toString()).contains("when of workflow 'w'");
  }

  @Test
  void aBrokenStageFileNeverStopsASaveAndIsNamedOnce() throws IOException {
    stage(
        "z_broken.yml",
        "name: broken\nrequirements:\n  attribute_checks:\n    - {attribute: x, operator: FOO, value: 1}\n");
    open();
    add(List.of("blog"));
    add(List.of("news"));
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .startsWith("stage definition skipped: stages/z_broken.yml")
        .contains("FOO");
    assertThat(store.stream().count()).isEqualTo(2);
  }

  @Test
  void stageRunRefusesASecondOpenInstance() {
    open();
    Document doc = add(List.of("blog"));
    assertThatThrownBy(() -> engine.run(store, doc.id(), "research"))
        .isInstanceOf(RefusedException.class)
        .hasMessageContaining("is active already");
  }

  @Test
  void stageCancelTerminatesTheRunAndMarksItCancelled() {
    open();
    Document doc = add(List.of("blog"));
    StageInstance s = engine.cancel(store, doc.id(), "research");
    assertThat(s.status()).isEqualTo(StageStatus.CANCELLED);
    // The engine terminates the run, and so does the listener on seeing the cancellation:
    // terminating an ended run does nothing.
    assertThat(launcher.terminated).containsOnly("wf-" + doc.id() + "-research-1");
  }

  @Test
  void requirementsSayWhichOneIsNotMet() {
    open();
    Document doc = add(List.of("news"));
    RequirementResult research = engine.requirements(doc, "research");
    assertThat(research.met()).isFalse();
    assertThat(research.reason()).startsWith("list check tags HAS blog");
    assertThat(engine.requirements(add(List.of("blog")), "research").met()).isTrue();
    assertThatThrownBy(() -> engine.requirements(doc, "nope"))
        .hasMessage("stage 'nope' not found; available stages: research, draft");
  }

  @Test
  void severalWorkflowsRunInADynamicForkWithAnInputEach() {
    StageLaunch launch =
        new StageLaunch(
            "d1",
            "s",
            2,
            List.of(
                new StageLaunch.Run("a", 3, Map.of("x", 1)),
                new StageLaunch.Run("b", null, Map.of())),
            List.of(),
            Map.of("title", "t"));
    Map<String, Object> input = launch.input();
    assertThat(input.get("forkTasks").toString())
        .contains("taskReferenceName=a", "type=SUB_WORKFLOW", "optional=true", "version=3")
        .contains("taskReferenceName=b");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> inputs =
        (Map<String, Map<String, Object>>) input.get("forkInputs");
    assertThat(inputs.get("a")).containsEntry("x", 1).containsEntry("stageCounter", 2);
    assertThat(inputs.get("b"))
        .containsEntry("docId", "d1")
        .containsEntry("doc", Map.of("title", "t"));
  }

  private StageRunState run(
      Document doc, String status, Map<String, Object> failure, boolean workflowsEnded) {
    return new StageRunState(
        "wf-" + doc.id() + "-research-1",
        status,
        doc.id(),
        "research",
        1,
        Map.of("research_wf", StageRunState.result(Map.of("title", "Found", "body", "notes"))),
        failure,
        workflowsEnded);
  }

  @Test
  void aRecordedRunEndsTheStageDoneWithItsResultsAndStartsTheNext() {
    open();
    Document doc = add(List.of("blog"));
    assertThat(engine.record(store, run(doc, "RUNNING", null, true))).isEqualTo(StageStatus.DONE);
    Document saved = store.get(doc.id());
    StageInstance s = saved.stage("research", 1).orElseThrow();
    assertThat(s.status()).isEqualTo(StageStatus.DONE);
    assertThat(s.results().get("research_wf").body()).isEqualTo("notes");
    assertThat(s.results().get("research_wf").properties()).containsEntry("title", "Found");
    assertThat(saved.stages("draft")).hasSize(1);
    // recording again changes nothing: the instance is no longer active
    assertThat(engine.record(store, run(doc, "COMPLETED", Map.of("message", "x"), true)))
        .isEqualTo(StageStatus.DONE);
  }

  @Test
  void aRunThatEndsBeforeItsStartIsRecordedEndsTheStageAndTheStartKeepsItEnded() throws Exception {
    open();
    launcher.onStart =
        id -> {
          if (id.endsWith("-research-1")) {
            // update_stage_status, in another process, before the starter marks it active
            StageLaunch launch = launcher.started.get(id);
            StageRunState ended =
                new StageRunState(
                    id,
                    "RUNNING",
                    launch.documentId(),
                    "research",
                    1,
                    Map.of("research_wf", StageRunState.result("notes")),
                    null,
                    true);
            Thread t = new Thread(() -> engine.record(store, ended));
            t.start();
            try {
              t.join();
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
          }
        };
    Document doc = add(List.of("blog"));
    StageInstance s = store.get(doc.id()).stage("research", 1).orElseThrow();
    assertThat(s.status()).isEqualTo(StageStatus.DONE);
    assertThat(s.get(StageEngine.WORKFLOW_ID)).isEqualTo("wf-" + doc.id() + "-research-1");
    assertThat(s.get(StageEngine.WORKFLOWS)).isEqualTo(List.of("research_wf"));
    assertThat(s.get(StageEngine.START_CLAIM)).isNull();
    assertThat(s.results().get("research_wf").body()).isEqualTo("notes");
    // and the next stage followed
    assertThat(store.get(doc.id()).stages("draft")).hasSize(1);
  }

  @Test
  void aRunWithAFailureBlocksTheStageWithTheReason() {
    open();
    Document doc = add(List.of("blog"));
    Map<String, Object> failure = Map.of("workflow", "research_wf", "task", "t", "message", "boom");
    assertThat(engine.record(store, run(doc, "RUNNING", failure, true)))
        .isEqualTo(StageStatus.BLOCKED);
    StageInstance s = store.get(doc.id()).stage("research", 1).orElseThrow();
    assertThat(s.get(StageEngine.FAILURE)).isEqualTo(failure);
    assertThat(store.get(doc.id()).stages("draft")).isEmpty();
  }

  @Test
  void aRunWhoseWorkflowsStillRunIsNotRecorded() {
    open();
    Document doc = add(List.of("blog"));
    assertThatThrownBy(() -> engine.record(store, run(doc, "RUNNING", null, false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("have not all ended");
    assertThat(store.get(doc.id()).stage("research", 1).orElseThrow().status())
        .isEqualTo(StageStatus.ACTIVE);
  }

  @Test
  void reconcileEndsAnActiveStageWhoseRunConductorEnded() {
    open();
    Document doc = add(List.of("blog"));
    // still running: nothing changes
    assertThat(engine.reconcile(store, doc.id())).isEmpty();
    assertThat(store.get(doc.id()).stage("research", 1).orElseThrow().status())
        .isEqualTo(StageStatus.ACTIVE);

    Map<String, Object> failure =
        Map.of("workflow", "stage_workflow", "message", "SQLITE_BUSY", "status", "TERMINATED");
    String id = "wf-" + doc.id() + "-research-1";
    launcher.runs.put(
        id, new StageRunState(id, "TERMINATED", doc.id(), "research", 1, Map.of(), failure, true));
    List<StageChange> changes = engine.reconcile(store, doc.id());
    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.stage()).isEqualTo("research");
              assertThat(c.from()).isEqualTo(StageStatus.ACTIVE);
              assertThat(c.to()).isEqualTo(StageStatus.BLOCKED);
            });
    assertThat(store.get(doc.id()).stage("research", 1).orElseThrow().get(StageEngine.FAILURE))
        .isEqualTo(failure);
  }

  @Test
  void reconcileBlocksAStageWhoseRunConductorDoesNotKnow() {
    open();
    Document doc = add(List.of("blog"));
    String id = "wf-" + doc.id() + "-research-1";
    launcher.runs.put(id, StageRunState.notFound(id));
    assertThat(engine.reconcile(store, doc.id())).hasSize(1);
    StageInstance s = store.get(doc.id()).stage("research", 1).orElseThrow();
    assertThat(s.status()).isEqualTo(StageStatus.BLOCKED);
    assertThat(s.get(StageEngine.FAILURE).toString()).contains("is not known to Conductor");
  }
}
