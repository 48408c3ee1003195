package io.idflow.conductor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import io.idflow.api.InvalidRequestException;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link Runs} against a real Conductor: start, tree, signal, await, follow, search, control. */
@ExtendWith(ConductorServerExtension.class)
class RunsIT {

  private static final String SUFFIX = ConductorTestServer.uniqueName("r").substring(2);
  private static final String WAITS = "waits_" + SUFFIX;
  private static final String FORKS = "forks_" + SUFFIX;
  private static final String PARENT = "parent_" + SUFFIX;
  private static final String FAILS = "fails_" + SUFFIX;

  private static IdflowConductorClient client;
  private static Runs runs;

  @BeforeAll
  static void definitions(ConductorTestServer server) {
    client = server.client();
    runs = Runs.on(client).withPolling(Duration.ofMillis(50), Duration.ofMillis(500));
    WorkflowTask sub = new WorkflowTask();
    sub.setName("child");
    sub.setTaskReferenceName("child");
    sub.setType("SUB_WORKFLOW");
    var param = new com.netflix.conductor.common.metadata.workflow.SubWorkflowParams();
    param.setName(WAITS);
    param.setVersion(1);
    sub.setSubWorkflowParam(param);
    WorkflowTask fork = new WorkflowTask();
    fork.setName("fork");
    fork.setTaskReferenceName("fork");
    fork.setType("FORK_JOIN");
    fork.setForkTasks(List.of(List.of(noop("left"), noop("left2")), List.of(waitTask("right"))));
    WorkflowTask join = new WorkflowTask();
    join.setName("join");
    join.setTaskReferenceName("join");
    join.setType("JOIN");
    join.setJoinOn(List.of("left2", "right"));
    new MetadataClient(client)
        .updateWorkflowDefs(
            List.of(
                def(
                    WAITS,
                    List.of(waitTask("approval"), noop("after")),
                    Map.of("answer", "${approval.output.answer}")),
                def(FORKS, List.of(fork, join), Map.of()),
                def(PARENT, List.of(sub), Map.of()),
                def(FAILS, List.of(waitTask("gate")), Map.of())));
  }

  @AfterAll
  static void close() {
    client.shutdown();
  }

  private static WorkflowDef def(String name, List<WorkflowTask> tasks, Map<String, Object> out) {
    WorkflowDef def = new WorkflowDef();
    def.setName(name);
    def.setVersion(1);
    def.setSchemaVersion(2);
    def.setOwnerEmail("idflow@example.com");
    def.setTasks(tasks);
    def.setOutputParameters(out);
    return def;
  }

  private static WorkflowTask waitTask(String ref) {
    WorkflowTask t = new WorkflowTask();
    t.setName(ref);
    t.setTaskReferenceName(ref);
    t.setType("WAIT");
    return t;
  }

  /** A task that completes at once without a worker or a script (slow machines time out INLINE). */
  private static WorkflowTask noop(String ref) {
    WorkflowTask t = new WorkflowTask();
    t.setName(ref);
    t.setTaskReferenceName(ref);
    t.setType("NOOP");
    return t;
  }

  private Run awaitWaiting(String id) {
    return runs.follow(id, Duration.ofSeconds(60))
        .filter(r -> !r.waitingTasks().isEmpty())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aSignalCompletesTheWaitingTaskAndTheRunGoesOnWithItsData() {
    String id =
        runs.start(
            StartRequest.of(WAITS).withInput(Map.of("k", "v")).withCorrelationId("c-" + SUFFIX));
    Run waiting = awaitWaiting(id);
    assertThat(waiting.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(waiting.input()).containsEntry("k", "v");
    assertThat(waiting.correlationId()).isEqualTo("c-" + SUFFIX);

    SignalledTask s = runs.signal(id, null, SignalStatus.COMPLETED, Map.of("answer", "yes"));
    assertThat(s.ref()).isEqualTo("approval");
    assertThat(s.runId()).isEqualTo(id);

    Run done = runs.await(id, Duration.ofSeconds(60));
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.output()).containsEntry("answer", "yes");
    assertThat(done.tasks()).extracting(RunTask::ref).containsExactly("approval", "after");
    assertThat(done.ended()).isNotNull();
  }

  @Test
  void forkBranchesAndSubWorkflowsAreNestedInTheTree() {
    String forks = runs.start(StartRequest.of(FORKS));
    Run f = awaitWaiting(forks);
    RunTask fork = f.tasks().get(0);
    assertThat(fork.ref()).isEqualTo("fork");
    assertThat(fork.branches()).hasSize(2);
    assertThat(fork.branches().get(1)).extracting(RunTask::ref).containsExactly("right");
    assertThat(f.tasks()).extracting(RunTask::ref).containsExactly("fork", "join");
    runs.signal(forks, "right", SignalStatus.COMPLETED, Map.of());
    Run fdone = runs.await(forks, Duration.ofSeconds(60));
    assertThat(fdone.tasks().get(0).branches().get(0))
        .extracting(RunTask::ref)
        .containsExactly("left", "left2");

    String parent = runs.start(StartRequest.of(PARENT));
    Run p = awaitWaiting(parent);
    RunTask child = p.tasks().get(0);
    assertThat(child.subWorkflow()).isNotNull();
    assertThat(child.subWorkflow().name()).isEqualTo(WAITS);
    assertThat(p.waitingTasks())
        .singleElement()
        .satisfies(w -> assertThat(w.runId()).isEqualTo(child.subWorkflow().id()));
    SignalledTask s =
        runs.signal(parent, "approval", SignalStatus.COMPLETED, Map.of("answer", "deep"));
    assertThat(s.runId()).isEqualTo(child.subWorkflow().id());
    assertThat(runs.await(parent, Duration.ofSeconds(60)).status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void followEmitsOnlyChangesAndEndsWithTheEndedRun() {
    String id = runs.start(StartRequest.of(WAITS));
    awaitWaiting(id);
    runs.signal(id, "approval", SignalStatus.COMPLETED, Map.of("answer", "no"));
    List<Run> seen = runs.follow(id, Duration.ofSeconds(60)).collect(Collectors.toList());
    assertThat(seen.get(seen.size() - 1).status()).isEqualTo(RunStatus.COMPLETED);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)).isNotEqualTo(seen.get(i - 1));
    }
  }

  @Test
  void awaitGivesUpWithTheLastStateWhenTheRunGoesOn() {
    String id = runs.start(StartRequest.of(WAITS));
    assertThatThrownBy(() -> runs.await(id, Duration.ofMillis(300)))
        .isInstanceOfSatisfying(
            RunTimeoutException.class,
            e -> assertThat(e.lastSeen().status()).isEqualTo(RunStatus.RUNNING));
    runs.terminate(id, "test over");
  }

  @Test
  void controlsCheckTheRunsState() {
    String id = runs.start(StartRequest.of(WAITS));
    assertThatThrownBy(() -> runs.resume(id))
        .isInstanceOf(RunStateException.class)
        .hasMessageContaining("is RUNNING");
    assertThatThrownBy(() -> runs.retry(id)).isInstanceOf(RunStateException.class);
    runs.pause(id);
    assertThat(runs.get(id).status()).isEqualTo(RunStatus.PAUSED);
    runs.resume(id);
    assertThat(runs.get(id).status()).isEqualTo(RunStatus.RUNNING);
    runs.terminate(id, "enough");
    Run t = runs.get(id);
    assertThat(t.status()).isEqualTo(RunStatus.TERMINATED);
    assertThat(t.reason()).contains("enough");
    assertThatThrownBy(() -> runs.terminate(id, null)).isInstanceOf(RunStateException.class);
    assertThatThrownBy(() -> runs.signal(id, null, SignalStatus.COMPLETED, Map.of()))
        .isInstanceOf(RunStateException.class);

    runs.restart(id, false);
    assertThat(awaitWaiting(id).status()).isEqualTo(RunStatus.RUNNING);
    runs.terminate(id, null);
    assertThat(runs.rerun(id, Map.of("k", "again"))).isEqualTo(id);
    Run rerun = awaitWaiting(id);
    assertThat(rerun.input()).containsEntry("k", "again");
    runs.terminate(id, null);
  }

  @Test
  void aFailingSignalFailsTheRunAndRetryRunsTheTaskAgain() {
    String id = runs.start(StartRequest.of(FAILS));
    awaitWaiting(id);
    runs.signal(id, "gate", SignalStatus.FAILED, Map.of("why", "no"));
    Run failed = runs.await(id, Duration.ofSeconds(60));
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.reason()).contains("signalled FAILED");
    runs.retry(id);
    Run again = awaitWaiting(id);
    assertThat(again.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(again.allTasks())
        .extracting(RunTask::status)
        .containsExactly("FAILED", "IN_PROGRESS");
    runs.terminate(id, null);
  }

  @Test
  void unknownIdsAndWorkflowsAreBadRequests() {
    assertThatThrownBy(() -> runs.get("no-such-run-" + SUFFIX))
        .isInstanceOf(RunNotFoundException.class)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("no run with id no-such-run-" + SUFFIX);
    assertThatThrownBy(() -> runs.pause("no-such-run-" + SUFFIX))
        .isInstanceOf(RunNotFoundException.class);
    assertThatThrownBy(() -> runs.start(StartRequest.of("no_such_workflow_" + SUFFIX)))
        .isInstanceOf(WorkflowNotFoundException.class)
        .hasMessageContaining("no_such_workflow_" + SUFFIX);
    assertThatThrownBy(() -> runs.start(StartRequest.of(WAITS).withVersion(99)))
        .isInstanceOf(WorkflowNotFoundException.class)
        .hasMessageContaining("version 99");
  }

  @Test
  void searchFindsRunsByNameStatusAndCorrelationIdNewestFirst() {
    Instant before = Instant.now().minusSeconds(1);
    String corr = "s-" + SUFFIX;
    String first = runs.start(StartRequest.of(WAITS).withCorrelationId(corr + "-1"));
    String second = runs.start(StartRequest.of(WAITS).withCorrelationId(corr + "-2"));
    runs.terminate(first, null);
    List<RunSummary> both = runs.search(RunQuery.all().withCorrelationId(corr + "-*"));
    assertThat(both).extracting(RunSummary::id).containsExactly(second, first);
    assertThat(
            runs.search(
                RunQuery.all().withName(WAITS).withStatus(RunStatus.TERMINATED).withSince(before)))
        .extracting(RunSummary::id)
        .contains(first)
        .doesNotContain(second);
    assertThat(runs.search(RunQuery.all().withCorrelationId(corr + "-*").withLimit(1)))
        .extracting(RunSummary::id)
        .containsExactly(second);
    runs.terminate(second, null);
  }
}
