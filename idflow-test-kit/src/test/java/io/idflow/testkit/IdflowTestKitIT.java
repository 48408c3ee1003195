package io.idflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.document.Document;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.conductor.run.Run;
import io.idflow.conductor.run.RunQuery;
import io.idflow.conductor.run.RunStatus;
import io.idflow.conductor.run.RunSummary;
import io.idflow.stage.StageLaunch;
import io.idflow.sync.Definition;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.RemoteDefinitions;
import io.idflow.sync.internal.ConductorDefinitions;
import io.idflow.testing.ConductorServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kit on a real Conductor, with the test project of {@code projects/kit}. */
class IdflowTestKitIT {

  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final Path PROJECT = Path.of("src/test/resources/projects/kit");

  private static IdflowTestKit kit;

  @BeforeAll
  static void start() {
    kit = IdflowTestKit.builder().project(PROJECT).timeout(WAIT).start();
  }

  @AfterAll
  static void stop() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void startsAWorkflowOfTheProjectAndAwaitsItsEnd() {
    Run run = kit.run("shout", Map.of("text", "hello"));

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.name()).isEqualTo("shout_" + kit.suffix()).isEqualTo(kit.workflowName("shout"));
    assertThat(run.output())
        .containsEntry("shouted", "HELLO!")
        .containsEntry("project", kit.workDir().toString());
    assertThat(kit.workerTaskTypes())
        .contains(kit.taskName("shout"), "update_stage_status_" + kit.suffix())
        .doesNotContain("shout", "update_stage_status");
  }

  @Test
  void aDocumentGoesThroughTheProjectsStage() {
    Document doc =
        kit.addDocument(Map.of("title", "Quiet words", "tags", List.of("loud")), "Some text.");

    StageInstance stage = kit.awaitStage(doc.id(), "loud", StageStatus.DONE, WAIT);

    assertThat(stage.result(kit.workflowName("loud_doc")))
        .hasValueSatisfying(r -> assertThat(r.body()).contains(doc.id().toUpperCase() + "!"));
    assertThat(kit.document(doc.id()).stages("loud")).hasSize(1);
    // the stage ran through the kit's own copy of stage_workflow: a stage of one workflow runs
    // folded into one execution named after it
    assertThat(
            kit.runs()
                .search(
                    RunQuery.all()
                        .withCorrelationId(StageLaunch.correlationId(doc.id(), "loud", 1))))
        .extracting(RunSummary::name)
        .containsExactly("stage_workflow_" + kit.suffix());
    assertThat(kit.workDir().resolve("stages/loud.yml"))
        .content()
        .contains(kit.workflowName("loud_doc"));
  }

  @Test
  void awaitingAStageThatEndsOtherwiseFailsWithItsFailure() {
    Document doc = kit.addDocument(Map.of("tags", List.of("broken")), "");

    assertThatThrownBy(() -> kit.awaitStage(doc.id(), "broken", StageStatus.DONE, WAIT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "stage broken #1 of document " + doc.id() + " ended blocked, not done")
        .hasMessageContaining("kaboom");
    assertThat(kit.document(doc.id()).stage("broken", 1))
        .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(StageStatus.BLOCKED));
  }

  @Test
  void twoKitsOfTheSameProjectDoNotSeeEachOther() throws Exception {
    List<String> ofA = new ArrayList<>();
    List<String> ofB = new ArrayList<>();
    try (IdflowTestKit other = IdflowTestKit.builder().project(PROJECT).timeout(WAIT).start()) {
      assertThat(other.suffix()).isNotEqualTo(kit.suffix());
      assertThat(other.workflowName("shout")).isNotEqualTo(kit.workflowName("shout"));
      assertThat(other.definitions())
          .extracting(Definition::name)
          .allMatch(n -> n.endsWith("_" + other.suffix()))
          .noneMatch(n -> n.endsWith("_" + kit.suffix()));
      for (int i = 0; i < 4; i++) {
        ofA.add(kit.start("shout", Map.of("text", "a" + i)));
        ofB.add(other.start("shout", Map.of("text", "b" + i)));
      }
      Document inOther = other.addDocument(Map.of("tags", List.of("loud")), "");
      Document inThis = kit.addDocument(Map.of("tags", List.of("loud")), "");
      assertThat(other.awaitStage(inOther.id(), "loud", StageStatus.DONE, WAIT).results())
          .containsOnlyKeys(other.workflowName("loud_doc"));
      assertThat(kit.awaitStage(inThis.id(), "loud", StageStatus.DONE, WAIT).results())
          .containsOnlyKeys(kit.workflowName("loud_doc"));
      assertThat(other.documents().find(inThis.id())).isEmpty();
      for (String id : ofB) {
        Run r = other.await(id, WAIT);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        // executed by the other kit's worker, which runs in the other kit's working copy
        assertThat(r.output()).containsEntry("project", other.workDir().toString());
      }
    }
    for (String id : ofA) {
      Run r = kit.await(id, WAIT);
      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.output()).containsEntry("project", kit.workDir().toString());
    }
    // closing the other kit left this one's definitions and workers alone
    assertThat(kit.run("shout", Map.of("text", "still here")).output())
        .containsEntry("shouted", "STILL HERE!");
  }

  @Test
  void closeRemovesWhatTheKitRegisteredAndEndsItsRuns() {
    IdflowTestKit closing = IdflowTestKit.builder().project(PROJECT).start();
    String holding = closing.start("hold", Map.of());
    List<Definition> defs = closing.definitions();
    Path workDir = closing.workDir();
    assertThat(defs)
        .extracting(Definition::name)
        .contains(
            closing.taskName("shout"),
            closing.workflowName("shout"),
            closing.workflowName("loud_doc"),
            closing.workflowName("hold"));

    closing.close();

    RemoteDefinitions remote =
        new ConductorDefinitions(ConductorServerExtension.server().client())
            .read(EnumSet.of(DefinitionKind.TASK_DEF, DefinitionKind.WORKFLOW));
    assertThat(remote.taskNames()).doesNotContain(closing.taskName("shout"));
    assertThat(remote.workflowVersions().keySet())
        .noneMatch(n -> n.endsWith("_" + closing.suffix()));
    assertThat(kit.runs().get(holding).status()).isEqualTo(RunStatus.TERMINATED);
    assertThat(Files.exists(workDir)).isFalse();
  }
}
