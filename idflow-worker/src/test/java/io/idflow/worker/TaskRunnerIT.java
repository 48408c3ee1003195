package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a real Conductor. */
@ExtendWith(ConductorServerExtension.class)
class TaskRunnerIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final List<TaskRunner> runners = new ArrayList<>();
  private IdflowConductorClient client;
  private Conductor conductor;
  private ConductorTestServer server;
  private final TestWorkers beans = new TestWorkers();

  @BeforeEach
  void connect(ConductorTestServer server) {
    this.server = server;
    client = server.client();
    conductor = new Conductor(client);
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (TaskRunner r : runners) {
      r.shutdownNow();
      r.awaitTermination(Duration.ofSeconds(10));
    }
    client.shutdown();
  }

  private String task(String prefix) {
    return ConductorTestServer.uniqueName(prefix);
  }

  private TaskRunner start(TaskRunner.Builder b) {
    TaskRunner r = b.build();
    runners.add(r);
    r.start();
    return r;
  }

  private TaskRunner.Builder builder() {
    return TaskRunner.builder(client).gracePeriod(Duration.ofSeconds(20));
  }

  @Test
  void executesTasksBindingInputByNameAndMappingOutput() {
    String echo = task("echo");
    String upper = task("upper");
    String whole = task("whole");
    String nothing = task("nothing");
    String taskParam = task("taskparam");
    for (String t : List.of(echo, upper, whole, nothing, taskParam)) {
      conductor.registerTask(t, 0, 30);
    }
    TaskRunner runner =
        start(
            builder()
                .worker(beans.worker("echo", echo), WorkerSettings.defaults())
                .worker(beans.worker("upper", upper), WorkerSettings.defaults())
                .worker(beans.worker("whole", whole), WorkerSettings.defaults())
                .worker(beans.worker("nothing", nothing), WorkerSettings.defaults())
                .worker(beans.worker("taskParam", taskParam), WorkerSettings.defaults()));

    Workflow e =
        conductor.awaitEnd(
            conductor.start(echo, Map.of("msg", "hi", "n", 21, "list", List.of(1, 2, 3))), WAIT);
    Workflow u = conductor.awaitEnd(conductor.start(upper, Map.of("text", "abc")), WAIT);
    Workflow w = conductor.awaitEnd(conductor.start(whole, Map.of("a", 1, "b", 2)), WAIT);
    Workflow n = conductor.awaitEnd(conductor.start(nothing, Map.of("x", 1)), WAIT);
    Workflow t = conductor.awaitEnd(conductor.start(taskParam, Map.of("x", 1)), WAIT);

    assertThat(e.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
    assertThat(e.getOutput().get("out")).isEqualTo(Map.of("msg", "hi", "twice", 42, "size", 3));
    assertThat(u.getOutput().get("out")).isEqualTo(Map.of("result", "ABC"));
    assertThat(w.getOutput().get("out")).isEqualTo(Map.of("result", 2));
    assertThat(n.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
    assertThat(t.getOutput().get("out")).isEqualTo(Map.of("taskType", taskParam));
    Task echoTask = e.getTasks().get(0);
    assertThat(echoTask.getWorkerId()).isEqualTo(runner.workerId());
    assertThat(
            new com.netflix.conductor.client.http.TaskClient(client)
                .getTaskLogs(echoTask.getTaskId()))
        .extracting(l -> l.getLog())
        .contains("echoing hi");
    assertThat(runner.health().ready()).isTrue();
  }

  @Test
  void anExceptionFailsTheTaskAndANonRetryableOneFailsItTerminally() {
    String fails = task("fails");
    String terminal = task("terminal");
    String needsInt = task("needsint");
    conductor.registerTask(fails, 1, 30);
    conductor.registerTask(terminal, 3, 30);
    conductor.registerTask(needsInt, 3, 30);
    MetricsListener metrics = new MetricsListener();
    start(
        builder()
            .listener(metrics)
            .worker(beans.worker("fails", fails), WorkerSettings.defaults())
            .worker(beans.worker("failsTerminally", terminal), WorkerSettings.defaults())
            .worker(beans.worker("needsInt", needsInt), WorkerSettings.defaults()));

    Workflow f = conductor.awaitEnd(conductor.start(fails, Map.of("why", "x")), WAIT);
    Workflow t = conductor.awaitEnd(conductor.start(terminal, Map.of("why", "y")), WAIT);
    Workflow m = conductor.awaitEnd(conductor.start(needsInt, Map.of("other", 1)), WAIT);

    assertThat(f.getStatus()).isEqualTo(Workflow.WorkflowStatus.FAILED);
    // retryCount 1: two attempts, both FAILED with the exception's message
    assertThat(f.getTasks())
        .extracting(Task::getStatus)
        .containsExactly(Task.Status.FAILED, Task.Status.FAILED);
    assertThat(f.getTasks().get(0).getReasonForIncompletion()).isEqualTo("failed on purpose: x");
    // retryCount 3, but terminal: one attempt
    assertThat(t.getStatus()).isEqualTo(Workflow.WorkflowStatus.FAILED);
    assertThat(t.getTasks())
        .extracting(Task::getStatus)
        .containsExactly(Task.Status.FAILED_WITH_TERMINAL_ERROR);
    assertThat(t.getTasks().get(0).getReasonForIncompletion()).isEqualTo("bad input: y");
    assertThat(m.getTasks())
        .extracting(Task::getStatus)
        .containsExactly(Task.Status.FAILED_WITH_TERMINAL_ERROR);
    assertThat(m.getTasks().get(0).getReasonForIncompletion()).contains("input 'count' is missing");
    assertThat(metrics.render())
        .contains("idflow_worker_execution_failures_total{task_type=\"" + fails + "\"} 2")
        .contains(
            "idflow_worker_executions_total{task_type=\""
                + terminal
                + "\",status=\"FAILED_WITH_TERMINAL_ERROR\"} 1");
  }

  @Test
  void aBusyWorkerTakesTheNextTaskWithItsReportInsteadOfPollingForIt() {
    String echo = task("chain");
    conductor.registerTask(echo, 0, 30);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(conductor.start(echo, Map.of("msg", "m" + i, "n", i)));
    }
    java.util.concurrent.atomic.AtomicInteger polled =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger started =
        new java.util.concurrent.atomic.AtomicInteger();
    start(
        builder()
            .worker(beans.worker("echo", echo), WorkerSettings.defaults().withThreads(1))
            .listener(
                event -> {
                  if (event instanceof RunnerEvent.PollSucceeded p) {
                    polled.addAndGet(p.received());
                  } else if (event instanceof RunnerEvent.TaskStarted) {
                    started.incrementAndGet();
                  }
                }));

    for (String id : ids) {
      assertThat(conductor.awaitEnd(id, WAIT).getStatus())
          .isEqualTo(Workflow.WorkflowStatus.COMPLETED);
    }
    // Twelve tasks were waiting for one thread: after the first poll, each report (update-v2)
    // brought the next task back, so most never needed a poll of their own.
    assertThat(started).hasValue(12);
    assertThat(polled.get()).isLessThan(12);
  }

  @Test
  void aPausedWorkerDoesNotPollUntilResumed() throws InterruptedException {
    String echo = task("paused");
    conductor.registerTask(echo, 0, 30);
    TaskRunner runner =
        start(builder().worker(beans.worker("echo", echo), WorkerSettings.defaults()));
    runner.pause(echo);
    assertThat(runner.isPaused(echo)).isTrue();
    assertThat(runner.health().workers().get(echo).status()).isEqualTo(RunnerHealth.Status.PAUSED);
    // A poll under way when pause() came still completes (as documented); under load the server
    // may answer it after the start below. Start once the loop waits in its pause.
    assertThat(runner.awaitPollingPaused(echo, WAIT)).isTrue();

    String id = conductor.start(echo, Map.of("msg", "later", "n", 1));
    Conductor.sleep(1500);
    assertThat(conductor.get(id).getTasks().get(0).getStatus()).isEqualTo(Task.Status.SCHEDULED);

    runner.resume();
    assertThat(conductor.awaitEnd(id, WAIT).getStatus())
        .isEqualTo(Workflow.WorkflowStatus.COMPLETED);
  }

  @Test
  void aWorkerConfiguredAsPausedStartsPaused() {
    String echo = task("startpaused");
    conductor.registerTask(echo, 0, 30);
    TaskRunner runner =
        start(
            builder()
                .worker(beans.worker("echo", echo), WorkerSettings.defaults().withPaused(true)));
    String id = conductor.start(echo, Map.of("msg", "x", "n", 1));
    Conductor.sleep(1500);
    assertThat(conductor.get(id).getTasks().get(0).getStatus()).isEqualTo(Task.Status.SCHEDULED);
    runner.resume(echo);
    assertThat(conductor.awaitEnd(id, WAIT).getStatus())
        .isEqualTo(Workflow.WorkflowStatus.COMPLETED);
  }

  @Test
  void aTaskRunningLongerThanItsResponseTimeoutKeepsItsLease() {
    String slow = task("lease");
    conductor.registerTask(slow, 0, 2);
    start(builder().worker(beans.worker("slow", slow), WorkerSettings.defaults()));

    String id = conductor.start(slow, Map.of("ms", 6000));
    // Ask the server to check for response time-outs while the task runs.
    for (int i = 0; i < 6; i++) {
      Conductor.sleep(1000);
      conductor.decide(client, id);
    }
    Workflow wf = conductor.awaitEnd(id, WAIT);
    assertThat(wf.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
    assertThat(wf.getTasks()).hasSize(1);
    assertThat(beans.slowCalls.get()).isEqualTo(1);
  }

  @Test
  void shutdownDrainsTheTaskInFlightAndPollsNoMore() throws Exception {
    String slow = task("drain");
    conductor.registerTask(slow, 0, 30);
    TaskRunner runner =
        start(builder().worker(beans.worker("slow", slow), WorkerSettings.defaults()));
    String first = conductor.start(slow, Map.of("ms", 1500));
    assertThat(beans.slowStarted.await(30, TimeUnit.SECONDS)).isTrue();

    runner.shutdown();
    assertThat(runner.state()).isEqualTo(TaskRunner.State.SHUTTING_DOWN);
    assertThat(runner.health().ready()).isFalse();
    // A poll already under way when shutdown() came still completes and its tasks run (as
    // documented); under load the server may answer it after the next start. Start the second
    // workflow once polling has stopped: from then on nothing may pick it up.
    assertThat(runner.awaitPollingStopped(WAIT)).isTrue();
    String second = conductor.start(slow, Map.of("ms", 10));
    assertThat(runner.awaitTermination(WAIT)).isTrue();

    assertThat(conductor.get(first).getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
    assertThat(conductor.get(second).getTasks().get(0).getStatus())
        .isEqualTo(Task.Status.SCHEDULED);
    assertThat(beans.slowCalls.get()).isEqualTo(1);
    conductor.decide(client, second); // leave nothing half-done for other tests
    new com.netflix.conductor.client.http.WorkflowClient(client)
        .terminateWorkflow(second, "test done");
  }

  @Test
  void shutdownNowHandsTheRunningTaskBackForAnotherRunner() throws Exception {
    String slow = task("handback");
    conductor.registerTask(slow, 0, 300);
    TaskRunner first =
        start(builder().worker(beans.worker("slow", slow), WorkerSettings.defaults()));
    String id = conductor.start(slow, Map.of("ms", 60_000));
    assertThat(beans.slowStarted.await(30, TimeUnit.SECONDS)).isTrue();

    List<String> handedBack = first.shutdownNow();
    assertThat(handedBack).hasSize(1);
    assertThat(first.awaitTermination(WAIT)).isTrue();

    TestWorkers other = new TestWorkers();
    start(
        builder()
            .worker(
                new WorkerMethod(slow, TestWorkers.method("slow"), other, 0, 0, "", null),
                WorkerSettings.defaults()));
    // The input still says 60 s; the second worker gets the same task id back.
    assertThat(other.slowStarted.await(30, TimeUnit.SECONDS)).isTrue();
    new com.netflix.conductor.client.http.WorkflowClient(client).terminateWorkflow(id, "done");
  }

  @Test
  void healthTurnsNotReadyWhileTheServerIsUnreachableAndRecovers(@TempDir Path dir)
      throws Exception {
    String echo = task("outage");
    conductor.registerTask(echo, 0, 30);
    try (TcpProxy proxy = new TcpProxy(server.url())) {
      IdflowConductorClient viaProxy =
          ConductorClients.create(
              new io.idflow.api.config.ConfigLoader()
                  .env(Map.of("IDFLOW_CONDUCTOR_URL", proxy.url()))
                  .workingDir(dir)
                  .load());
      List<RunnerEvent> connectionEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
      TaskRunner runner =
          start(
              TaskRunner.builder(viaProxy)
                  .listener(
                      ev -> {
                        if (ev instanceof RunnerEvent.ConnectionChanged) {
                          connectionEvents.add(ev);
                        }
                      })
                  .worker(beans.worker("echo", echo), WorkerSettings.defaults()));
      awaitReady(runner, true);

      proxy.cut();
      awaitReady(runner, false);
      assertThat(runner.health().workers().get(echo).status())
          .isEqualTo(RunnerHealth.Status.FAILING);
      String id = conductor.start(echo, Map.of("msg", "after the outage", "n", 1));
      Conductor.sleep(3000); // several failed polls, one event

      proxy.restore();
      awaitReady(runner, true);
      assertThat(conductor.awaitEnd(id, WAIT).getStatus())
          .isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      assertThat(connectionEvents)
          .extracting(ev -> ((RunnerEvent.ConnectionChanged) ev).lost())
          .containsExactly(true, false);
      runner.shutdown();
      assertThat(runner.awaitTermination(WAIT)).isTrue();
      viaProxy.shutdown();
    }
  }

  @Test
  void aResultThatCannotBeReportedIsKeptAndDeliveredBeforeNewWorkWhenTheConnectionIsBack(
      @TempDir Path dir) throws Exception {
    String type = task("kept");
    conductor.registerTask(type, 0, 30);
    try (TcpProxy proxy = new TcpProxy(server.url())) {
      IdflowConductorClient viaProxy =
          ConductorClients.create(
              new io.idflow.api.config.ConfigLoader()
                  .env(Map.of("IDFLOW_CONDUCTOR_URL", proxy.url()))
                  .workingDir(dir)
                  .load());
      ResultKeptAcrossRestartFaultTest.Held held = new ResultKeptAcrossRestartFaultTest.Held();
      List<RunnerEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
      MetricsListener metrics = new MetricsListener();
      TaskRunner runner =
          start(
              TaskRunner.builder(viaProxy)
                  .listener(events::add)
                  .listener(metrics)
                  .worker(
                      new WorkerMethod(
                          type,
                          ResultKeptAcrossRestartFaultTest.Held.class.getMethod(
                              "run", String.class),
                          held,
                          2,
                          10,
                          "",
                          null),
                      WorkerSettings.defaults()));
      String first = conductor.start(type, Map.of("msg", "first"));
      assertThat(held.started.await(30, TimeUnit.SECONDS)).isTrue();

      proxy.cut();
      held.gate.countDown();
      assertThat(held.returned.await(30, TimeUnit.SECONDS)).isTrue();
      io.idflow.testing.Waits.until(
          "the result kept", WAIT, () -> runner.undeliveredResults() == 1);
      assertThat(runner.health().workers().get(type).undeliveredResults()).isEqualTo(1);
      assertThat(metrics.render())
          .contains("idflow_worker_results_undelivered{task_type=\"" + type + "\"} 1");
      String second = conductor.start(type, Map.of("msg", "second"));

      proxy.restore();
      Workflow w1 = conductor.awaitEnd(first, WAIT);
      Workflow w2 = conductor.awaitEnd(second, WAIT);
      assertThat(w1.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      assertThat(w1.getOutput().get("out")).isEqualTo(Map.of("kept", "first from call 1"));
      assertThat(w2.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      assertThat(held.calls).as("one call per task").hasValue(2);
      assertThat(runner.undeliveredResults()).isZero();
      int delivered = indexOf(events, RunnerEvent.ResultDelivered.class);
      int secondStarted = -1;
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i) instanceof RunnerEvent.TaskStarted t && t.workflowId().equals(second)) {
          secondStarted = i;
        }
      }
      assertThat(delivered).as("the kept result delivered").isNotNegative();
      assertThat(secondStarted)
          .as("the kept result went out before new work came in")
          .isGreaterThan(delivered);
      runner.shutdown();
      assertThat(runner.awaitTermination(WAIT)).isTrue();
      viaProxy.shutdown();
    }
  }

  @Test
  void shutdownDeliversAKeptResultWithinTheGracePeriodAndGivesItUpWhenThatPasses(@TempDir Path dir)
      throws Exception {
    String type = task("drainkept");
    conductor.registerTask(type, 0, 30);
    try (TcpProxy proxy = new TcpProxy(server.url())) {
      IdflowConductorClient viaProxy =
          ConductorClients.create(
              new io.idflow.api.config.ConfigLoader()
                  .env(Map.of("IDFLOW_CONDUCTOR_URL", proxy.url()))
                  .workingDir(dir)
                  .load());
      List<RunnerEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
      ResultKeptAcrossRestartFaultTest.Held delivered = new ResultKeptAcrossRestartFaultTest.Held();
      TaskRunner patient = keptRunner(viaProxy, type, delivered, events, Duration.ofMinutes(5));
      String id = conductor.start(type, Map.of("msg", "drained"));
      assertThat(delivered.started.await(30, TimeUnit.SECONDS)).isTrue();
      proxy.cut();
      delivered.gate.countDown();
      io.idflow.testing.Waits.until(
          "the result kept", WAIT, () -> patient.undeliveredResults() == 1);
      patient.shutdown();
      proxy.restore();
      assertThat(patient.awaitTermination(WAIT)).isTrue();
      assertThat(events).hasAtLeastOneElementOfType(RunnerEvent.ResultDelivered.class);
      Workflow w = conductor.awaitEnd(id, WAIT);
      assertThat(w.getOutput().get("out")).isEqualTo(Map.of("kept", "drained from call 1"));

      // With the connection still cut when the grace period passes, the result is given up.
      events.clear();
      ResultKeptAcrossRestartFaultTest.Held lost = new ResultKeptAcrossRestartFaultTest.Held();
      TaskRunner hasty = keptRunner(viaProxy, type, lost, events, Duration.ofSeconds(2));
      String id2 = conductor.start(type, Map.of("msg", "lost"));
      assertThat(lost.started.await(30, TimeUnit.SECONDS)).isTrue();
      proxy.cut();
      lost.gate.countDown();
      io.idflow.testing.Waits.until("the result kept", WAIT, () -> hasty.undeliveredResults() == 1);
      hasty.shutdown();
      assertThat(hasty.awaitTermination(WAIT)).isTrue();
      assertThat(hasty.undeliveredResults()).isZero();
      assertThat(events).filteredOn(e -> e instanceof RunnerEvent.ResultNotReported).hasSize(1);
      assertThat(events).noneMatch(e -> e instanceof RunnerEvent.ResultDelivered);
      proxy.restore();
      new com.netflix.conductor.client.http.WorkflowClient(client).terminateWorkflow(id2, "done");
      viaProxy.shutdown();
    }
  }

  private TaskRunner keptRunner(
      IdflowConductorClient viaProxy,
      String type,
      ResultKeptAcrossRestartFaultTest.Held held,
      List<RunnerEvent> events,
      Duration grace)
      throws NoSuchMethodException {
    return start(
        TaskRunner.builder(viaProxy)
            .gracePeriod(grace)
            .listener(events::add)
            .worker(
                new WorkerMethod(
                    type,
                    ResultKeptAcrossRestartFaultTest.Held.class.getMethod("run", String.class),
                    held,
                    1,
                    10,
                    "",
                    null),
                WorkerSettings.defaults()));
  }

  private static int indexOf(List<RunnerEvent> events, Class<? extends RunnerEvent> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static void awaitReady(TaskRunner runner, boolean ready) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (runner.health().ready() != ready && System.nanoTime() < end) {
      Conductor.sleep(50);
    }
    assertThat(runner.health().ready()).as("ready").isEqualTo(ready);
  }
}
