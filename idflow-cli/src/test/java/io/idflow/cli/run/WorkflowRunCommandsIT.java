package io.idflow.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import io.idflow.api.internal.Json;
import io.idflow.cli.CliHarness;
import io.idflow.cli.CliHarness.Result;
import io.idflow.cli.sync.WorkflowCommand;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.conductor.run.Run;
import io.idflow.conductor.run.RunStatus;
import io.idflow.conductor.run.RunTask;
import io.idflow.conductor.run.Runs;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.ModuleRepository;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run commands black box against a real Conductor: start (with --wait), show (with --follow),
 * runs, signal, terminate, pause, resume, retry, restart, rerun; their errors and exit codes.
 */
@ExtendWith(ConductorServerExtension.class)
class WorkflowRunCommandsIT {

  private static final String SUFFIX = ConductorTestServer.uniqueName("w").substring(2);
  private static final String WAITS = "cli_waits_" + SUFFIX;

  @TempDir static Path project;
  private static IdflowConductorClient client;
  private static Runs runs;
  private static CliHarness cli;
  private static ConductorTestServer server;

  @BeforeAll
  static void definitions(ConductorTestServer conductor) throws IOException {
    server = conductor;
    client = server.client();
    runs = Runs.on(client).withPolling(Duration.ofMillis(50), Duration.ofMillis(500));
    WorkflowTask wait = new WorkflowTask();
    wait.setName("approval");
    wait.setTaskReferenceName("approval");
    wait.setType("WAIT");
    WorkflowTask noop = new WorkflowTask();
    noop.setName("after");
    noop.setTaskReferenceName("after");
    noop.setType("NOOP");
    WorkflowDef def = new WorkflowDef();
    def.setName(WAITS);
    def.setVersion(1);
    def.setSchemaVersion(2);
    def.setOwnerEmail("idflow@example.com");
    def.setTasks(List.of(wait, noop));
    def.setOutputParameters(
        Map.of("answer", "${approval.output.answer}", "topic", "${workflow.input.topic}"));
    new MetadataClient(client).updateWorkflowDefs(List.of(def));
    Files.createDirectories(project.resolve("config"));
    Files.writeString(
        project.resolve("config/idflow.yml"),
        "base_dir: data\nconductor:\n  server_url: " + server.url() + "\n");
    cli = CliHarness.of(project, WorkflowCommand.class);
  }

  @AfterAll
  static void close() {
    client.shutdown();
  }

  /** Runs {@code idflow workflow <args>}. */
  private static Result run(String... args) {
    return cli.run(workflow(args));
  }

  private static String[] workflow(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "workflow";
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }

  private static CompletableFuture<Result> background(String... args) {
    return CompletableFuture.supplyAsync(() -> cli.run(workflow(args)));
  }

  private static Result done(CompletableFuture<Result> f) throws Exception {
    return f.get(120, TimeUnit.SECONDS);
  }

  private static Run awaitWaiting(String id) {
    return runs.follow(id, Duration.ofSeconds(60))
        .filter(r -> !r.waitingTasks().isEmpty())
        .findFirst()
        .orElseThrow();
  }

  private static String start(String... more) {
    String[] args = new String[2 + more.length];
    args[0] = "start";
    args[1] = WAITS;
    System.arraycopy(more, 0, args, 2, more.length);
    Result r = run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out().strip();
  }

  /** The id of the one run with this correlation id, once it exists, through 'workflow runs'. */
  private static String findByCorrelation(String correlationId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      Result r = run("runs", "--correlation-id", correlationId, "-o", "json");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      JsonNode found = Json.MAPPER.readTree(r.out());
      if (found.size() == 1) {
        return found.get(0).path("id").asText();
      }
      assertThat(System.nanoTime() - deadline).as("run not found in time").isNegative();
      Thread.onSpinWait();
    }
  }

  @Test
  void startWaitFollowsTheRunUntilASignalLetsItGoOnAndPrintsItsOutput() throws Exception {
    String corr = "sig-" + SUFFIX;
    StringWriter live = new StringWriter();
    CompletableFuture<Result> started =
        CompletableFuture.supplyAsync(
            () ->
                cli.run(
                    new StringWriter(),
                    live,
                    workflow(
                        "start",
                        WAITS,
                        "-i",
                        "topic=AI",
                        "--correlation-id",
                        corr,
                        "--wait",
                        "--timeout",
                        "2m")));
    String id = findByCorrelation(corr);
    awaitWaiting(id);
    // The signal goes only once the follower has shown the waiting task: signalling as soon as
    // Conductor has the task raced the follower's first poll (CI once saw the task COMPLETED
    // first).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!live.toString().contains("approval (WAIT)  IN_PROGRESS")) {
      assertThat(System.nanoTime() - deadline).as("follower output: " + live).isNegative();
      Thread.sleep(20);
    }

    Result signal = run("signal", id, "--data", "{\"answer\": \"yes\", \"n\": 2}");
    assertThat(signal.exitCode()).as(signal.toString()).isZero();
    assertThat(signal.out()).isEqualTo("approval\n");
    assertThat(signal.err()).contains("signalled WAIT task approval of run " + id + ": COMPLETED");

    Result r = done(started);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith(id + "\n");
    JsonNode output = Json.MAPPER.readTree(r.out().substring(id.length() + 1));
    assertThat(output.path("answer").asText()).isEqualTo("yes");
    assertThat(output.path("topic").asText()).isEqualTo("AI");
    assertThat(r.err())
        .contains("approval (WAIT)  IN_PROGRESS")
        .contains("run " + id + " COMPLETED");
    assertThat(r.err()).doesNotContain("\u001b[");
  }

  @Test
  void startWaitExitsSevenWhenTheRunFails() throws Exception {
    String corr = "fail-" + SUFFIX;
    CompletableFuture<Result> started =
        background("start", WAITS, "--correlation-id", corr, "--wait", "-o", "json");
    String id = findByCorrelation(corr);
    awaitWaiting(id);
    Result signal = run("signal", id, "--task", "approval", "--status", "FAILED", "-o", "json");
    assertThat(signal.exitCode()).as(signal.toString()).isZero();
    JsonNode s = Json.MAPPER.readTree(signal.out());
    assertThat(s.path("task").asText()).isEqualTo("approval");
    assertThat(s.path("status").asText()).isEqualTo("FAILED");

    Result r = done(started);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(7);
    JsonNode run = Json.MAPPER.readTree(r.out());
    assertThat(run.path("id").asText()).isEqualTo(id);
    assertThat(run.path("status").asText()).isEqualTo("FAILED");
    assertThat(r.err()).contains("error: run " + id + " (" + WAITS + ") ended FAILED");

    Result retry = run("retry", id);
    assertThat(retry.exitCode()).as(retry.toString()).isZero();
    assertThat(retry.out()).isEqualTo(id + "\n");
    assertThat(awaitWaiting(id).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run("terminate", id, "-y").exitCode()).isZero();
  }

  @Test
  void startWaitGivesUpAfterTheTimeoutWithExitOne() {
    Result r = run("start", WAITS, "--wait", "--timeout", "1s");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    String id = r.out().lines().findFirst().orElseThrow();
    assertThat(r.err())
        .contains("error: gave up waiting after 1s: run " + id + " is still RUNNING");
    assertThat(run("terminate", id, "-y").exitCode()).isZero();
  }

  @Test
  void showPrintsTheTreeAsTextAndJson() throws Exception {
    Result started =
        cli.stdin("{\"topic\": {\"name\": \"AI\"}}")
            .run(workflow("start", WAITS, "--input-file", "-"));
    cli.stdin("");
    String id = started.out().strip();
    awaitWaiting(id);
    Result text = run("show", id);
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .startsWith("run " + id + "  " + WAITS + " v1  RUNNING\n")
        .contains("  input: {\"topic\":{\"name\":\"AI\"}}\n")
        .containsPattern("approval +WAIT +IN_PROGRESS");
    Result json = run("show", id, "--output", "json");
    JsonNode node = Json.MAPPER.readTree(json.out());
    assertThat(node.path("status").asText()).isEqualTo("RUNNING");
    assertThat(node.path("tasks").get(0).path("ref").asText()).isEqualTo("approval");
    assertThat(node.path("tasks").get(0).path("attempt").asInt()).isEqualTo(1);
    run("terminate", id, "-y", "--reason", "seen");
    Result ended = run("show", id);
    assertThat(ended.out()).contains("TERMINATED").contains("reason: seen");
  }

  @Test
  void showFollowAppendsAChangeLineUntilTheRunEnds() throws Exception {
    String id = start();
    awaitWaiting(id);
    StringWriter live = new StringWriter();
    CompletableFuture<Result> follow =
        CompletableFuture.supplyAsync(
            () -> cli.run(live, new StringWriter(), workflow("show", id, "--follow")));
    // the follower has read the run once it printed its tree; the signal comes after
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!live.toString().startsWith("run " + id)) {
      assertThat(System.nanoTime() - deadline).as("follower output: " + live).isNegative();
      Thread.sleep(20);
    }
    while (runs.get(id).status() == RunStatus.RUNNING && !follow.isDone()) {
      run("signal", id, "--data", "{\"answer\": \"later\"}");
      assertThat(System.nanoTime() - deadline).isNegative();
    }
    Result r = done(follow);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("run " + id).contains("run " + id + " COMPLETED");

    Result again = run("show", id, "--follow", "-o", "json");
    assertThat(again.exitCode()).isZero();
    assertThat(Json.MAPPER.readTree(again.out()).path("output").path("answer").asText())
        .isEqualTo("later");
  }

  @Test
  void runsFindsByNameStatusCorrelationAndDocument() throws Exception {
    String doc = "doc" + SUFFIX;
    String a = start("--correlation-id", doc + "-research-1");
    String b = start("--correlation-id", doc + "-review-1");
    String other = start("--correlation-id", "x" + doc + "-research-1");
    run("terminate", "-y", a);
    Result byDoc = run("runs", "--doc", doc, "-o", "json");
    assertThat(byDoc.exitCode()).as(byDoc.toString()).isZero();
    JsonNode found = Json.MAPPER.readTree(byDoc.out());
    assertThat(found.findValuesAsText("id")).containsExactly(b, a);
    Result terminated =
        run("runs", "--name", WAITS, "--status", "terminated", "--since", "10m", "--doc", doc);
    assertThat(terminated.exitCode()).as(terminated.toString()).isZero();
    assertThat(terminated.out()).startsWith("ID").contains(a).doesNotContain(b);
    Result limited = run("runs", "--doc", doc, "--limit", "1");
    assertThat(limited.out()).contains(b).doesNotContain(a);
    Result none = run("runs", "--correlation-id", "nothing-" + SUFFIX);
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).contains("No runs found.");
    run("terminate", "-y", b, other);
  }

  @Test
  void terminateAsksPrintsItsPlanAndRefusesEndedRuns() {
    String id = start();
    Result dry = run("terminate", id, "--dry-run");
    assertThat(dry.exitCode()).isZero();
    assertThat(dry.err()).contains("Runs to terminate:").contains(id).contains("Dry run");
    Result refused = run("terminate", id);
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(6);
    assertThat(refused.err()).contains("not confirmed");
    assertThat(runs.get(id).status()).isEqualTo(RunStatus.RUNNING);
    Result yes = run("terminate", id, "-y");
    assertThat(yes.exitCode()).as(yes.toString()).isZero();
    assertThat(yes.out()).isEqualTo(id + "\n");
    assertThat(runs.get(id).status()).isEqualTo(RunStatus.TERMINATED);
    Result again = run("terminate", id, "-y");
    assertThat(again.exitCode()).isEqualTo(6);
    assertThat(again.err()).contains("error: cannot terminate run " + id).contains("TERMINATED");
  }

  @Test
  void pauseResumeRestartAndRerunChangeTheRunOrRefuseInTheWrongState() throws Exception {
    String id = start("-i", "topic=first");
    Result resume = run("resume", id);
    assertThat(resume.exitCode()).as(resume.toString()).isEqualTo(6);
    assertThat(resume.err().lines().toList())
        .containsExactly(
            "error: cannot resume run "
                + id
                + " ("
                + WAITS
                + "): it is RUNNING; only a PAUSED run"
                + " can be resumed");
    assertThat(run("pause", id).exitCode()).isZero();
    assertThat(runs.get(id).status()).isEqualTo(RunStatus.PAUSED);
    assertThat(run("resume", id).exitCode()).isZero();
    assertThat(runs.get(id).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run("restart", id).exitCode()).isEqualTo(6);
    assertThat(run("retry", id).exitCode()).isEqualTo(6);
    run("terminate", id, "-y");
    Result restart = run("restart", id);
    assertThat(restart.exitCode()).as(restart.toString()).isZero();
    assertThat(awaitWaiting(id).input()).containsEntry("topic", "first");
    run("terminate", id, "-y");
    Result rerun =
        cli.stdin("{\"topic\": \"second\"}").run(workflow("rerun", id, "--input-file", "-"));
    cli.stdin("");
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(awaitWaiting(id).input()).containsEntry("topic", "second");
    run("terminate", id, "-y");
  }

  @Test
  void severalIdsGoOnPastAFailureAndExitWithItsCode() {
    String a = start();
    String b = start();
    Result r = run("pause", a, "no-such-run-" + SUFFIX, b);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(a + "\n" + b + "\n");
    assertThat(r.err()).contains("error: no run with id no-such-run-" + SUFFIX);
    run("terminate", "-y", a, b);
  }

  @Test
  void errorsAreOneLineWithTheirExitCodes() throws IOException {
    String unknown = "no-such-run-" + SUFFIX;
    for (String[] args :
        List.of(
            new String[] {"show", unknown},
            new String[] {"signal", unknown},
            new String[] {"terminate", unknown, "-y"},
            new String[] {"restart", unknown},
            new String[] {"rerun", unknown})) {
      Result r = run(args);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).endsWith("error: no run with id " + unknown + "\n");
    }
    Result noWorkflow = run("start", "no_such_workflow_" + SUFFIX);
    assertThat(noWorkflow.exitCode()).isEqualTo(2);
    assertThat(noWorkflow.err().lines().toList())
        .containsExactly(
            "error: Conductor has no workflow no_such_workflow_"
                + SUFFIX
                + " (upload it with 'idflow workflow upload' or 'idflow sync')");
    assertThat(run("start", WAITS, "--version", "42").err()).contains("version 42");

    Files.writeString(project.resolve("bad.json"), "{\"a\": ");
    Result badFile = run("start", WAITS, "--input-file", "bad.json");
    assertThat(badFile.exitCode()).isEqualTo(2);
    assertThat(badFile.err()).startsWith("error: invalid JSON in input file bad.json");
    assertThat(badFile.out()).isEmpty();
    Result notObject = run("start", WAITS, "--input-file", "-");
    assertThat(notObject.exitCode()).isZero(); // empty stdin: no input
    run("terminate", "-y", notObject.out().strip());
    Result badPair = run("start", WAITS, "-i", "novalue");
    assertThat(badPair.exitCode()).isEqualTo(2);
    assertThat(run("start", WAITS, "--timeout", "5s").err()).contains("--timeout needs --wait");

    String id = start();
    Result badData = run("signal", id, "--data", "[1, 2]");
    assertThat(badData.exitCode()).isEqualTo(2);
    assertThat(badData.err()).contains("invalid --data: a JSON object");
    Result broken = run("signal", id, "--data", "{oops");
    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.err()).startsWith("error: invalid JSON in --data");
    Result noTask = run("signal", id, "--task", "nope");
    assertThat(noTask.exitCode()).isEqualTo(2);
    assertThat(noTask.err()).contains("has no task nope");
    run("terminate", "-y", id);
    Result ended = run("signal", id);
    assertThat(ended.exitCode()).isEqualTo(6);
    assertThat(ended.err()).contains("cannot signal run " + id);
    Result badStatus = run("runs", "--status", "SLEEPING");
    assertThat(badStatus.exitCode()).isEqualTo(2);
  }

  @Test
  void unreachableConductorIsExitFour() {
    Result r = run("show", "x", "--server", "http://127.0.0.1:9");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
  }

  @Test
  void theApprovalExampleWaitsForASignalAndGoesOnWithItsData(@TempDir Path copy) throws Exception {
    TestProjects.copyTree(ModuleRepository.projectRoot().resolve("examples/approval"), copy);
    String name = "approval_" + SUFFIX;
    Path file = copy.resolve("workflows/approval/approval_request.json");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("\"name\": \"approval_request\"", "\"name\": \"" + name + "\""));
    CliHarness example =
        CliHarness.of(copy, WorkflowCommand.class).env("IDFLOW_CONDUCTOR_URL", server.url());
    Result upload = example.run("workflow", "upload", "-w", name, "-y");
    assertThat(upload.exitCode()).as(upload.toString()).isZero();

    String corr = "approval-" + SUFFIX;
    CompletableFuture<Result> started =
        CompletableFuture.supplyAsync(
            () ->
                example.run(
                    "workflow",
                    "start",
                    name,
                    "-i",
                    "document=report-7",
                    "--correlation-id",
                    corr,
                    "--wait"));
    String id = findByCorrelation(corr);
    assertThat(awaitWaiting(id).waitingTasks())
        .singleElement()
        .satisfies(w -> assertThat(w.task().ref()).isEqualTo("approval"));
    Result signal =
        example.run("workflow", "signal", id, "--data", "{\"approved\": true, \"by\": \"ada\"}");
    assertThat(signal.exitCode()).as(signal.toString()).isZero();

    Result r = done(started);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode output = Json.MAPPER.readTree(r.out().substring(id.length() + 1));
    assertThat(output.path("document").asText()).isEqualTo("report-7");
    assertThat(output.path("approved").asBoolean()).isTrue();
    assertThat(output.path("by").asText()).isEqualTo("ada");
    Run run = runs.get(id);
    assertThat(run.allTasks()).extracting(RunTask::ref).contains("publish");
  }
}
