package io.idflow.cli.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import io.idflow.api.internal.Json;
import io.idflow.cli.CliHarness;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.internal.ConductorDefinitions;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync}, {@code tasks} and {@code workflow} against a real Conductor. The project's task
 * methods are {@link io.idflow.sync.fixtures.SyncWorkers} ({@code sync_it_echo}, {@code
 * sync_it_upper}); workflows and handlers get names of their own per test.
 */
@ExtendWith(ConductorServerExtension.class)
class SyncCommandsIT {

  @TempDir Path project;

  private ConductorTestServer server;
  private IdflowConductorClient client;
  private ConductorDefinitions conductor;
  private final List<String> runs = new ArrayList<>();
  @TempDir Path coreProject;

  @BeforeEach
  void setUp(ConductorTestServer server) throws Exception {
    this.server = server;
    TestProjects.copy(getClass(), "sync", project);
    syncCoreLibrary(server);
    client = server.client();
    conductor = new ConductorDefinitions(client);
    for (String task : List.of("sync_it_echo", "sync_it_upper")) {
      try {
        conductor.deleteTaskDef(task);
      } catch (ConductorClientException e) {
        // not there: fine
      }
    }
  }

  @AfterEach
  void tearDown() {
    WorkflowClient workflows = new WorkflowClient(client);
    for (String id : runs) {
      try {
        workflows.terminateWorkflow(id, "test over");
      } catch (ConductorClientException e) {
        // already over
      }
    }
    client.shutdown();
  }

  /**
   * Syncs the core library alone (its workflows and the tasks they run), from a project of its own,
   * so that in every test they are on Conductor and unchanged: this test's project scans only its
   * fixtures, and a sync refuses workflows whose tasks neither side knows.
   */
  private void syncCoreLibrary(ConductorTestServer server) throws Exception {
    Path config = coreProject.resolve("config/idflow.yml");
    Files.createDirectories(config.getParent());
    Files.writeString(
        config,
        "tasks:\n  scan_packages: [io.idflow.content.tasks, io.idflow.stage]\n  scripts: false\n");
    CliHarness.Result r =
        CliHarness.of(coreProject, Sync.class)
            .env("IDFLOW_CONDUCTOR_URL", server.url())
            .run("sync", "--yes");
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  private CliHarness cli() {
    return CliHarness.of(project, Sync.class, TasksCommand.class, WorkflowCommand.class)
        .env("IDFLOW_CONDUCTOR_URL", server.url());
  }

  private void write(String relative, String content) throws Exception {
    Path p = project.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  /** A workflow that uses both tasks, one of them inside a fork branch's switch case. */
  private static String workflow(String name, int version, String textParam) {
    return """
        {"name": "%s", "version": %d, "tasks": [
          {"name": "sync_it_echo", "taskReferenceName": "echo",
           "inputParameters": {"text": "%s"}},
          {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [[
            {"name": "pick", "taskReferenceName": "pick", "type": "SWITCH",
             "evaluatorType": "value-param", "expression": "k", "inputParameters": {"k": "a"},
             "decisionCases": {"a": [{"name": "sync_it_upper", "taskReferenceName": "upper",
                                      "inputParameters": {"text": "${echo.output.result}"}}]}}]]},
          {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["pick"]}],
         "outputParameters": {"upper": "${upper.output.result}"}}
        """
        .formatted(name, version, textParam);
  }

  private static String handlers(String name, String workflow) {
    return """
        [{"name": "%s", "event": "conductor:%s:done", "active": true,
          "actions": [{"action": "start_workflow",
                       "start_workflow": {"name": "%s", "version": 1}}]}]
        """
        .formatted(name, workflow, workflow);
  }

  private Optional<JsonNode> remoteWorkflow(String name, int version) {
    return conductor.read(EnumSet.of(DefinitionKind.WORKFLOW)).workflows().stream()
        .filter(w -> w.path("name").asText().equals(name) && w.path("version").asInt() == version)
        .map(w -> (JsonNode) w)
        .findFirst();
  }

  private Optional<JsonNode> remoteTask(String name) {
    return conductor.read(EnumSet.of(DefinitionKind.TASK_DEF)).taskDefs().stream()
        .filter(t -> t.path("name").asText().equals(name))
        .map(t -> (JsonNode) t)
        .findFirst();
  }

  private static JsonNode change(JsonNode doc, String kind, String name) {
    for (JsonNode c : doc.path("changes")) {
      if (c.path("kind").asText().equals(kind) && c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no change for " + kind + " " + name + " in " + doc);
  }

  @Test
  void syncUploadsEverythingAndThenFindsItUnchanged() throws Exception {
    String wf = ConductorTestServer.uniqueName("sync_it_wf");
    String handler = ConductorTestServer.uniqueName("sync_it_handler");
    write("workflows/blog/" + wf + ".json", workflow(wf, 1, "hello"));
    write("workflows/blog/event_handlers.json", handlers(handler, wf));

    CliHarness.Result first = cli().run("sync", "--yes");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out())
        .contains("Task definitions:")
        .containsPattern("create +sync_it_echo +io.idflow.sync.fixtures.SyncWorkers")
        .containsPattern("create +" + wf + " v1 +workflows/blog/" + wf + ".json")
        .containsPattern("create +" + handler + " +workflows/blog/event_handlers.json")
        .doesNotContain("Summary:");
    assertThat(first.err())
        .containsPattern("created +workflow +" + wf + " v1")
        .contains("Summary: 4 created, 0 updated");
    assertThat(remoteTask("sync_it_echo").orElseThrow().path("retryCount").asInt()).isEqualTo(1);
    assertThat(remoteWorkflow(wf, 1)).isPresent();
    assertThat(
            conductor.read(EnumSet.of(DefinitionKind.EVENT_HANDLER)).eventHandlers().stream()
                .anyMatch(h -> h.path("name").asText().equals(handler)))
        .isTrue();

    CliHarness.Result again = cli().run("sync", "--yes", "--output", "json");

    assertThat(again.exitCode()).as(again.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(again.out());
    assertThat(change(doc, "taskDef", "sync_it_echo").path("action").asText())
        .isEqualTo("unchanged");
    assertThat(change(doc, "taskDef", "sync_it_upper").path("action").asText())
        .isEqualTo("unchanged");
    assertThat(change(doc, "workflow", wf).path("action").asText()).isEqualTo("unchanged");
    assertThat(change(doc, "eventHandler", handler).path("result").asText()).isEqualTo("unchanged");
    assertThat(doc.path("results").path("created").asInt()).isZero();
    assertThat(doc.path("results").path("updated").asInt()).isZero();
  }

  @Test
  void aChangedTaskIsUpdatedAndAChangedWorkflowIsAConflictUntilForced() throws Exception {
    String wf = ConductorTestServer.uniqueName("sync_it_wf");
    write("workflows/w/w.json", workflow(wf, 1, "one"));
    assertThat(cli().run("sync", "--yes").exitCode()).isZero();

    // Someone changed the task definition in Conductor; the file changed without a new version.
    ObjectNode upper = (ObjectNode) remoteTask("sync_it_upper").orElseThrow();
    upper.put("retryCount", 7);
    conductor.upsertTaskDefs(List.of(upper));
    write("workflows/w/w.json", workflow(wf, 1, "two"));

    CliHarness.Result refused = cli().run("sync", "--yes");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(6);
    assertThat(refused.out())
        .containsPattern("update +sync_it_upper")
        .contains("retryCount: 7 -> 3")
        .containsPattern("conflict +" + wf + " v1")
        .contains("tasks[0].inputParameters.text: \"one\" -> \"two\"");
    assertThat(refused.err())
        .containsPattern("updated +task definition +sync_it_upper")
        .containsPattern("refused +workflow +" + wf + " v1")
        // unchanged: sync_it_echo, and the core library's eight workflows (setUp synced them)
        .contains("Summary: 0 created, 1 updated, 9 unchanged, 1 refused, 0 failed")
        .contains("bump the version")
        .contains("--force");
    assertThat(remoteTask("sync_it_upper").orElseThrow().path("retryCount").asInt()).isEqualTo(3);
    assertThat(remoteWorkflow(wf, 1).orElseThrow().at("/tasks/0/inputParameters/text").asText())
        .isEqualTo("one");

    CliHarness.Result forced = cli().run("sync", "--yes", "--force");

    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(forced.err()).containsPattern("updated +workflow +" + wf + " v1");
    assertThat(remoteWorkflow(wf, 1).orElseThrow().at("/tasks/0/inputParameters/text").asText())
        .isEqualTo("two");
  }

  @Test
  void aDryRunPrintsThePlanInTextAndJsonAndWritesNothing() throws Exception {
    String wf = ConductorTestServer.uniqueName("sync_it_wf");
    write("workflows/w/w.json", workflow(wf, 3, "x"));

    CliHarness.Result text = cli().run("sync", "--dry-run");

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .containsPattern("create +sync_it_echo")
        .containsPattern("create +" + wf + " v3")
        .containsPattern("Plan: 3 to create, 0 to update, \\d+ unchanged");
    assertThat(text.err())
        .contains("Dry run: nothing was written to Conductor at " + server.url() + ".");

    CliHarness.Result json = cli().run("sync", "--dry-run", "--output", "json");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(json.out());
    assertThat(doc.path("dryRun").asBoolean()).isTrue();
    assertThat(doc.path("plan").path("create").asInt()).isEqualTo(3);
    JsonNode change = change(doc, "workflow", wf);
    assertThat(change.path("action").asText()).isEqualTo("create");
    assertThat(change.path("version").asInt()).isEqualTo(3);
    assertThat(change.path("source").asText()).isEqualTo("workflows/w/w.json");
    assertThat(change.path("origin").asText()).isEqualTo("custom");
    assertThat(change.path("result").isNull()).isTrue();
    assertThat(doc.path("results").isNull()).isTrue();
    assertThat(remoteWorkflow(wf, 3)).isEmpty();
    assertThat(remoteTask("sync_it_echo")).isEmpty();
  }

  @Test
  void invalidDefinitionsAreListedAndNothingIsUploaded() throws Exception {
    String good = ConductorTestServer.uniqueName("sync_it_good");
    write("workflows/good/good.json", workflow(good, 1, "x"));
    write(
        "workflows/bad/bad.json",
        """
        {"name": "sync_it_bad", "tasks": [
          {"name": "sync_it_echo", "taskReferenceName": "same"},
          {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE", "loopCondition": "false",
           "loopOver": [{"name": "sync_it_nobody", "taskReferenceName": "same"}]}]}
        """);

    CliHarness.Result r = cli().run("sync", "--yes");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.err())
        .contains(
            "workflows/bad/bad.json: $.tasks[1].loopOver[0].taskReferenceName: duplicate"
                + " taskReferenceName 'same' (also at $.tasks[0])")
        .contains("1 invalid definition (listed above); nothing was uploaded");
    assertThat(r.out()).isEmpty();
    assertThat(remoteWorkflow(good, 1)).isEmpty();
    assertThat(remoteTask("sync_it_echo")).isEmpty();
  }

  @Test
  void syncAsksBeforeWriting() throws Exception {
    String wf = ConductorTestServer.uniqueName("sync_it_wf");
    write("workflows/w/w.json", workflow(wf, 1, "x"));

    CliHarness.Result no = cli().stdin("n\n").run("sync");

    assertThat(no.exitCode()).as(no.toString()).isEqualTo(6);
    assertThat(no.err()).contains("Write 3 definitions to Conductor at " + server.url() + "?");
    assertThat(remoteWorkflow(wf, 1)).isEmpty();

    CliHarness.Result yes = cli().stdin("y\n").run("sync");

    assertThat(yes.exitCode()).as(yes.toString()).isZero();
    assertThat(remoteWorkflow(wf, 1)).isPresent();
  }

  @Test
  void tasksUploadAndList() throws Exception {
    CliHarness.Result one = cli().run("tasks", "upload", "sync_it_echo");

    assertThat(one.exitCode()).as(one.toString()).isZero();
    assertThat(one.out()).containsPattern("create +sync_it_echo");
    assertThat(one.err())
        .containsPattern("created +task definition +sync_it_echo")
        .contains("Summary: 1 created, 0 updated, 0 unchanged, 0 refused, 0 failed");
    assertThat(remoteTask("sync_it_upper")).isEmpty();

    CliHarness.Result all = cli().run("tasks", "upload", "--all");
    assertThat(all.exitCode()).as(all.toString()).isZero();
    assertThat(all.err())
        .contains("Summary: 1 created, 0 updated, 1 unchanged, 0 refused, 0 failed");

    CliHarness.Result missing = cli().run("tasks", "upload", "sync_it_nobody");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no local task named 'sync_it_nobody'");

    CliHarness.Result local = cli().run("tasks", "list", "--local");
    assertThat(local.exitCode()).as(local.toString()).isZero();
    assertThat(local.out())
        .containsPattern("sync_it_echo +standard +unused +io.idflow.sync.fixtures.SyncWorkers");

    CliHarness.Result both = cli().run("tasks", "list");
    assertThat(both.exitCode()).as(both.toString()).isZero();
    assertThat(both.out())
        .containsPattern("NAME +ORIGIN +STATE +SOURCE")
        .containsPattern("sync_it_upper +standard +unchanged");

    CliHarness.Result status = cli().run("tasks", "list", "--sync", "--output", "json");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(status.out());
    assertThat(doc.path("both").toString()).contains("sync_it_echo", "sync_it_upper");
    assertThat(doc.path("local").asInt()).isEqualTo(2);
  }

  @Test
  void purgeRefusesATaskAWorkflowUsesUnlessForced() throws Exception {
    assertThat(cli().run("tasks", "upload", "--all").exitCode()).isZero();
    String user = ConductorTestServer.uniqueName("sync_it_user");
    // Conductor's workflow uses sync_it_upper deep down: in a loop inside a switch case.
    ObjectNode wf =
        (ObjectNode)
            Json.MAPPER.readTree(
                """
                {"name": "%s", "version": 1, "tasks": [
                  {"name": "sw", "taskReferenceName": "sw", "type": "SWITCH",
                   "evaluatorType": "value-param", "expression": "k", "inputParameters": {"k": "a"},
                   "decisionCases": {"a": [
                     {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
                      "loopCondition": "false",
                      "loopOver": [{"name": "sync_it_upper", "taskReferenceName": "u"}]}]}}]}
                """
                    .formatted(user));
    conductor.upsertWorkflows(List.of(wf));

    CliHarness.Result listed = cli().run("tasks", "list", "--remote", "--output", "json");
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    JsonNode upperRow = null;
    for (JsonNode t : Json.MAPPER.readTree(listed.out())) {
      if (t.path("name").asText().equals("sync_it_upper")) {
        upperRow = t;
      }
    }
    assertThat(upperRow).isNotNull();
    assertThat(upperRow.path("local").asBoolean()).isTrue();
    assertThat(upperRow.path("usedBy").toString()).contains(user + " v1");

    CliHarness.Result dry = cli().run("tasks", "purge", "sync_it_upper", "--dry-run");
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(dry.out()).contains("Task definitions to delete (1):");
    assertThat(dry.err()).contains("Dry run: nothing was deleted.");

    CliHarness.Result refused = cli().run("tasks", "purge", "sync_it_upper", "-y");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(6);
    assertThat(refused.out())
        .contains("Task definitions to delete (1):")
        .containsPattern(
            "sync_it_upper  in use by .*" + user + " v1.*: skipped \\(--force deletes it\\)");
    assertThat(refused.err()).contains("1 task definition is in use and was not deleted");
    assertThat(remoteTask("sync_it_upper")).isPresent();

    CliHarness.Result forced = cli().run("tasks", "purge", "sync_it_upper", "-y", "--force");

    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(forced.err())
        .containsPattern("deleted +sync_it_upper")
        .contains("Summary: 1 deleted, 0 in use (skipped), 0 failed");
    assertThat(remoteTask("sync_it_upper")).isEmpty();
    assertThat(remoteTask("sync_it_echo")).isPresent();
  }

  @Test
  void orphansAreTheTaskDefinitionsNoLocalTaskDeclares() throws Exception {
    assertThat(cli().run("tasks", "upload", "--all").exitCode()).isZero();
    String orphan = ConductorTestServer.uniqueName("sync_it_orphan");
    conductor.upsertTaskDefs(List.of(Json.MAPPER.createObjectNode().put("name", orphan)));

    CliHarness.Result r =
        cli().run("tasks", "purge", "--orphaned", "--dry-run", "--output", "json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(r.out());
    List<String> names = new ArrayList<>();
    doc.path("taskDefs").forEach(t -> names.add(t.path("name").asText()));
    assertThat(names).contains(orphan).doesNotContain("sync_it_echo", "sync_it_upper");
    assertThat(remoteTask(orphan)).isPresent();

    CliHarness.Result one = cli().run("tasks", "purge", orphan, "-y");
    assertThat(one.exitCode()).as(one.toString()).isZero();
    assertThat(remoteTask(orphan)).isEmpty();
  }

  @Test
  void pruneRefusesAVersionWithARunningOrPausedRunOfThatVersion() throws Exception {
    String name = ConductorTestServer.uniqueName("sync_it_prune");
    List<ObjectNode> versions = new ArrayList<>();
    for (int v = 1; v <= 3; v++) {
      versions.add(
          (ObjectNode)
              Json.MAPPER.readTree(
                  """
                  {"name": "%s", "version": %d,
                   "tasks": [{"name": "wait", "taskReferenceName": "wait", "type": "WAIT"}]}
                  """
                      .formatted(name, v)));
    }
    conductor.upsertWorkflows(versions);
    WorkflowClient workflows = new WorkflowClient(client);
    String run1 = workflows.startWorkflow(new StartWorkflowRequest().withName(name).withVersion(1));
    String run2 = workflows.startWorkflow(new StartWorkflowRequest().withName(name).withVersion(2));
    runs.add(run1);
    runs.add(run2);
    workflows.pauseWorkflow(run2);

    CliHarness.Result dry =
        cli().run("workflow", "prune", "-w", name, "--dry-run", "--output", "json");
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    JsonNode plan = Json.MAPPER.readTree(dry.out());
    assertThat(plan.path("workflows")).hasSize(3);
    assertThat(plan.path("workflows").get(0).path("action").asText()).isEqualTo("skip");
    assertThat(plan.path("workflows").get(0).path("inUse").asText())
        .isEqualTo("1 active run (" + run1 + " RUNNING)");
    assertThat(plan.path("workflows").get(1).path("inUse").asText())
        .isEqualTo("1 active run (" + run2 + " PAUSED)");
    assertThat(plan.path("workflows").get(2).path("action").asText()).isEqualTo("delete");

    CliHarness.Result refused = cli().run("workflow", "prune", "-w", name, "-y");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(6);
    assertThat(refused.out())
        .contains("Workflow versions to delete (3):")
        .contains(name + " v1  1 active run (" + run1 + " RUNNING): skipped (--force deletes it)")
        .contains(name + " v2  1 active run (" + run2 + " PAUSED): skipped (--force deletes it)");
    assertThat(refused.err())
        .containsPattern("deleted +" + name + " v3")
        .contains("Summary: 1 deleted, 2 in use (skipped), 0 failed")
        .contains("2 workflow versions are in use and were not deleted");
    assertThat(remoteWorkflow(name, 1)).isPresent();
    assertThat(remoteWorkflow(name, 2)).isPresent();
    assertThat(remoteWorkflow(name, 3)).isEmpty();

    CliHarness.Result forced =
        cli().run("workflow", "prune", "-w", name, "-v", "2", "-y", "--force");

    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(forced.out()).contains("deleted anyway (--force)");
    assertThat(remoteWorkflow(name, 2)).isEmpty();
    assertThat(remoteWorkflow(name, 1)).isPresent();

    CliHarness.Result unknown = cli().run("workflow", "prune", "-w", name, "-v", "9", "-y");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("has no version 9 of workflow '" + name + "'");
  }

  @Test
  void pruneByDefaultOffersOnlyWorkflowsNoLocalFileDefines() throws Exception {
    String local = ConductorTestServer.uniqueName("sync_it_local");
    String stray = ConductorTestServer.uniqueName("sync_it_stray");
    write("workflows/w/w.json", workflow(local, 1, "x"));
    assertThat(cli().run("sync", "--yes").exitCode()).isZero();
    conductor.upsertWorkflows(
        List.of(
            (ObjectNode)
                Json.MAPPER.readTree(
                    "{\"name\":\"%s\",\"version\":4,\"tasks\":[{\"name\":\"w\",\"taskReferenceName\":\"w\",\"type\":\"WAIT\"}]}"
                        .formatted(stray))));

    CliHarness.Result listed = cli().run("workflow", "list", "--remote");
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    assertThat(listed.out())
        .startsWith("Workflows only in Conductor:")
        .contains("  " + stray + " (v4)")
        .doesNotContain(local);

    CliHarness.Result r = cli().run("workflow", "prune", "--dry-run", "--output", "json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> names = new ArrayList<>();
    Json.MAPPER
        .readTree(r.out())
        .path("workflows")
        .forEach(w -> names.add(w.path("name").asText()));
    assertThat(names).contains(stray).doesNotContain(local);
  }

  @Test
  void workflowUploadAndList() throws Exception {
    String a = ConductorTestServer.uniqueName("sync_it_a");
    String b = ConductorTestServer.uniqueName("sync_it_b");
    write("workflows/a/a1.json", workflow(a, 1, "x"));
    write("workflows/a/a2.json", workflow(a, 2, "x"));
    write("workflows/b/b.json", workflow(b, 1, "x"));
    assertThat(cli().run("tasks", "upload", "--all").exitCode()).isZero();

    CliHarness.Result upload = cli().run("workflow", "upload", "-w", a);

    assertThat(upload.exitCode()).as(upload.toString()).isZero();
    assertThat(upload.out()).doesNotContain(b);
    assertThat(upload.err())
        .containsPattern("created +workflow +" + a + " v1")
        .containsPattern("created +workflow +" + a + " v2")
        .doesNotContain(b)
        .contains("Summary: 2 created, 0 updated, 0 unchanged, 0 refused, 0 failed");
    assertThat(remoteWorkflow(b, 1)).isEmpty();

    CliHarness.Result list = cli().run("workflow", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out())
        .contains("Local workflow files:")
        .containsPattern(a + " +v2 +custom +workflows/a/a2.json");

    CliHarness.Result names = cli().run("workflow", "list", "--no-versions");
    assertThat(names.out()).containsPattern(a + " +custom +workflows/a/a2.json");

    CliHarness.Result all = cli().run("workflow", "list", "--all", "--output", "json");
    assertThat(all.exitCode()).as(all.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(all.out());
    // a v1 and v2, b, and the core library's eight workflows
    assertThat(doc.path("local")).hasSize(11);
    boolean found = false;
    for (JsonNode w : doc.path("remote")) {
      if (w.path("name").asText().equals(a)) {
        assertThat(w.path("versions").toString()).isEqualTo("[1,2]");
        assertThat(w.path("local").asBoolean()).isTrue();
        found = true;
      }
    }
    assertThat(found).isTrue();

    CliHarness.Result missing = cli().run("workflow", "upload", "-w", "sync_it_nowhere");
    assertThat(missing.exitCode()).isEqualTo(2);
  }
}
