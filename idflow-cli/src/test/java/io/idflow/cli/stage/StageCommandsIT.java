package io.idflow.cli.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.cli.CliHarness;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.stage.StageEngine;
import io.idflow.stage.StageTasks;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.StageDefinitions;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage commands on a real Conductor, with the real runner executing update_stage_status:
 * evaluate reports the workflows it started, run --wait follows the run to its end (0 done, 7
 * blocked, 1 when it gives up), cancel terminates the run.
 */
@ExtendWith(ConductorServerExtension.class)
class StageCommandsIT {

  private static final String SUFFIX = ConductorTestServer.uniqueName("c").substring(2);
  private static final String GOOD = "good_" + SUFFIX;
  private static final String BAD = "bad_" + SUFFIX;
  private static final String SLOW = "slow_" + SUFFIX;

  @TempDir static Path project;
  private static IdflowConductorClient client;
  private static TaskRunner runner;

  @BeforeAll
  static void definitions(ConductorTestServer server) throws IOException {
    client = server.client();
    MetadataClient meta = new MetadataClient(client);
    StageDefinitions.registerStageTask(meta);
    meta.updateWorkflowDefs(
        List.of(
            StageDefinitions.stageWorkflow(),
            StageDefinitions.stageWorkflowFailed(),
            workflow(
                GOOD,
                List.of(
                    waitTask("2 seconds"),
                    inline("(function(){ return {title: 'About ' + $.topic}; })()")),
                Map.of("title", "${mk.output.result.title}", "body", "Notes")),
            workflow(BAD, List.of(inline("(function(){ throw new Error('kaboom'); })()")), null),
            workflow(SLOW, List.of(waitTask(null)), null)));
    write("config/idflow.yml", "base_dir: data\nconductor:\n  server_url: " + server.url() + "\n");
    write(
        "stages/research.yml",
        """
        name: research
        workflows:
          - name: %s
            inputs: {topic: AI}
        requirements:
          list_checks:
            - {attribute: tags, operator: HAS, value: blog}
        """
            .formatted(GOOD));
    write(
        "stages/risky.yml",
        """
        name: risky
        workflows:
          - name: %s
        requirements:
          attribute_checks:
            - {attribute: kind, operator: EQ, value: risky}
        """
            .formatted(BAD));
    write(
        "stages/slow.yml",
        """
        name: slow
        workflows:
          - name: %s
        requirements:
          attribute_checks:
            - {attribute: kind, operator: EQ, value: slow}
        """
            .formatted(SLOW));
    runner =
        TaskRunner.builder(client)
            .gracePeriod(Duration.ofSeconds(5))
            .workers(WorkerMethod.allOf(new StageTasks(config())), WorkerConfig.of(config()))
            .build();
    runner.start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (runner != null) {
      runner.shutdownNow();
      runner.awaitTermination(Duration.ofSeconds(10));
    }
    client.shutdown();
  }

  private static WorkflowDef workflow(String name, List<WorkflowTask> tasks, Object doc) {
    WorkflowDef def = new WorkflowDef();
    def.setName(name);
    def.setVersion(1);
    def.setSchemaVersion(2);
    def.setOwnerEmail("idflow@example.com");
    def.setTasks(tasks);
    if (doc != null) {
      def.setOutputParameters(Map.of("doc", doc));
    }
    return def;
  }

  private static WorkflowTask inline(String script) {
    WorkflowTask t = new WorkflowTask();
    t.setName("mk");
    t.setTaskReferenceName("mk");
    t.setType("INLINE");
    t.setInputParameters(
        Map.of(
            "evaluatorType", "graaljs", "expression", script, "topic", "${workflow.input.topic}"));
    return t;
  }

  /** A WAIT task: for a while, or (null) until it is completed or its workflow terminated. */
  private static WorkflowTask waitTask(String duration) {
    WorkflowTask t = new WorkflowTask();
    t.setName("pause");
    t.setTaskReferenceName("pause");
    t.setType("WAIT");
    if (duration != null) {
      t.setInputParameters(Map.of("duration", duration));
    }
    return t;
  }

  private static void write(String file, String text) throws IOException {
    Path p = project.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static IdflowConfig config() {
    return new ConfigLoader().env(Map.of()).workingDir(project).load();
  }

  private static String quietly(Document doc) {
    try (DocumentStore store =
        DocumentStores.open(config(), DocumentStores.Options.defaults().withListeners(false))) {
      return store.create(doc).id();
    }
  }

  private static StageInstance instance(String docId, String stage) {
    try (DocumentStore store =
        DocumentStores.open(config(), DocumentStores.Options.defaults().withListeners(false))) {
      return store.get(docId).stages(stage).get(0);
    }
  }

  private CliHarness cli() {
    return CliHarness.of(project, StageCommand.class);
  }

  @Test
  void evaluateReportsTheWorkflowsItStarted() {
    String id = quietly(Document.create().put("tags", List.of("blog")));
    CliHarness.Result r = cli().run("stage", "evaluate", "--uuid", id);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    StageInstance research = instance(id, "research");
    assertThat(r.out())
        .contains(
            "  research: STARTED - requirements met (stage ID: "
                + research.id()
                + ") - 1 workflow triggered\n")
        .contains("  Stages started: 1\n");
    assertThat(r.err()).isEmpty();
    assertThat(research.get(StageEngine.WORKFLOW_ID)).isNotNull();
  }

  @Test
  void runWaitPrintsProgressAndTheResults() {
    String id = quietly(Document.create().put("tags", List.of("blog")));
    CliHarness.Result r = cli().run("stage", "run", "research", id, "--wait", "--timeout", "2m");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    StageInstance research = instance(id, "research");
    assertThat(r.out()).isEqualTo(research.id() + "\n");
    assertThat(r.err())
        .startsWith(
            "stage research #1 of document "
                + id
                + " started: 1 workflow (stage workflow "
                + research.get(StageEngine.WORKFLOW_ID)
                + ")\n")
        .contains("  " + GOOD + ": IN_PROGRESS\n")
        .contains("  " + GOOD + ": COMPLETED\n")
        .endsWith("stage research #1 of document " + id + ": done (results: " + GOOD + ")\n");

    CliHarness.Result shown = cli().run("stage", "show", id);
    assertThat(shown.out())
        .contains("research #1: done\n")
        .contains("  workflows: " + GOOD + "\n")
        .contains("  results: " + GOOD + " (About AI)\n");
  }

  @Test
  void runWaitOnAFailingWorkflowIsExitSevenWithTheFailure() {
    String id = quietly(Document.create().put("kind", "risky"));
    CliHarness.Result r = cli().run("stage", "run", "risky", id, "--wait", "--timeout", "2m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(7);
    assertThat(r.err())
        .containsPattern(
            "(?m)^error: stage risky #1 of document "
                + id
                + " ended blocked: workflow "
                + BAD
                + ", task mk: .*kaboom");
  }

  @Test
  void runWaitGivesUpWithExitOneAndCancelTerminatesTheRun() {
    String id = quietly(Document.create().put("kind", "slow"));
    CliHarness.Result r = cli().run("stage", "run", "slow", id, "--wait", "--timeout", "2s");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .endsWith(
            "error: gave up waiting after 2s: stage slow #1 of document "
                + id
                + " is still active; it goes on (see 'idflow stage show "
                + id
                + "')\n");

    String workflowId = instance(id, "slow").get(StageEngine.WORKFLOW_ID).toString();
    CliHarness.Result cancel = cli().run("stage", "cancel", id, "slow");
    assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
    assertThat(cancel.err())
        .isEqualTo(
            "cancelled stage slow #1 of document "
                + id
                + " and terminated its stage workflow "
                + workflowId
                + "\n");
    Workflow run = new WorkflowClient(client).getWorkflow(workflowId, false);
    assertThat(run.getStatus()).isEqualTo(Workflow.WorkflowStatus.TERMINATED);
  }

  @Test
  void runAsJsonAfterWaitingIsOneDocument() throws Exception {
    String id = quietly(Document.create().put("tags", List.of("blog")));
    CliHarness.Result r =
        cli().run("stage", "run", "research", id, "--wait", "--timeout", "2m", "-o", "json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    var json = io.idflow.api.internal.Json.MAPPER.readTree(r.out());
    assertThat(json.get("status").asText()).isEqualTo("done");
    assertThat(json.get("workflows").get(0).asText()).isEqualTo(GOOD);
    assertThat(json.get("results").get(0).asText()).isEqualTo(GOOD);
    assertThat(json.get("workflowId").asText()).isNotBlank();
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "document",
            "stage",
            "counter",
            "id",
            "status",
            "workflowId",
            "workflows",
            "results",
            "failure",
            "waited",
            "timedOut");
  }
}
